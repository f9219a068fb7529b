package io.netloom.domain.peer;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.DnsNames;
import java.util.Locale;

/** The name a peer is resolvable by inside the account's DNS domain, e.g. {@code laptop.netloom.internal}. */
public record DnsLabel(String value) {

    private static final String FALLBACK = "peer";

    public DnsLabel {
        if (!DnsNames.isValidLabel(value)) {
            throw CommandRejectedException.invalid("DNS label must be 1 to " + DnsNames.MAX_LABEL_LENGTH
                    + " lowercase letters, digits or hyphens, not starting or ending with a hyphen");
        }
    }

    /** Derives a label from whatever hostname a device reports, which may be anything from "MacBook Pro" to "". */
    public static DnsLabel fromHostname(String hostname) {
        String label = hostname == null ? "" : hostname.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (label.length() > DnsNames.MAX_LABEL_LENGTH) {
            label = label.substring(0, DnsNames.MAX_LABEL_LENGTH).replaceAll("-+$", "");
        }
        return new DnsLabel(label.isEmpty() ? FALLBACK : label);
    }

    /** This label made distinct with a number, shortened if needed to stay a valid label: {@code web-2}. */
    public DnsLabel withSuffix(int number) {
        String suffix = "-" + number;
        String stem = value.length() + suffix.length() > DnsNames.MAX_LABEL_LENGTH
                ? value.substring(0, DnsNames.MAX_LABEL_LENGTH - suffix.length()).replaceAll("-+$", "")
                : value;
        return new DnsLabel(stem + suffix);
    }
}
