package io.netloom.domain.common;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * RFC 1123 names in the lowercase form peers are resolved by, shared by peer labels and account domains, and the
 * looser names of DNS configuration (match domains, custom zones and their records), which NetBird accepts with
 * underscores ({@code _sip._tcp.example.com}) and, for record names only, a leading wildcard label.
 */
public final class DnsNames {

    public static final int MAX_LABEL_LENGTH = 63;
    public static final int MAX_NAME_LENGTH = 253;

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern CONFIGURED_LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?");
    private static final String WILDCARD = "*.";

    private DnsNames() {
    }

    public static boolean isValidLabel(String label) {
        return label != null && LABEL.matcher(label).matches();
    }

    public static boolean isValidName(String name) {
        return hasValidLabels(name, LABEL);
    }

    /**
     * A domain as an admin writes it in DNS configuration, normalised: trimmed, lowercase, without the trailing
     * dot of the absolute form, so that "Corp.Example." and "corp.example" are one domain. No wildcard.
     */
    public static String configuredDomain(String raw, String what) {
        String name = normalized(raw, what);
        if (!hasValidLabels(name, CONFIGURED_LABEL)) {
            throw invalid(name, what);
        }
        return name;
    }

    /** A record's name, normalised as {@link #configuredDomain}; it may start with a wildcard label ("*."). */
    public static String recordName(String raw, String what) {
        String name = normalized(raw, what);
        String rest = name.startsWith(WILDCARD) ? name.substring(WILDCARD.length()) : name;
        if (!hasValidLabels(rest, CONFIGURED_LABEL) || name.length() > MAX_NAME_LENGTH) {
            throw CommandRejectedException.invalid(what + " \"" + name + "\" is not a valid DNS name (labels of"
                    + " letters, digits, hyphens and underscores, optionally starting with \"*.\")");
        }
        return name;
    }

    /** Whether {@code name} is {@code domain} itself or lies below it; both in normalised form. */
    public static boolean isWithin(String name, String domain) {
        return name.equals(domain) || name.endsWith("." + domain);
    }

    private static String normalized(String raw, String what) {
        String name = Required.present(raw, what).strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty()) {
            throw CommandRejectedException.invalid(what + " must not be empty");
        }
        return name;
    }

    private static boolean hasValidLabels(String name, Pattern label) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        for (String part : name.split("\\.", -1)) {
            if (!label.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    private static CommandRejectedException invalid(String name, String what) {
        return CommandRejectedException.invalid(what + " \"" + name + "\" is not a valid DNS name (labels of"
                + " letters, digits, hyphens and underscores, at most " + MAX_NAME_LENGTH + " characters)");
    }
}
