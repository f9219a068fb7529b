package io.netloom.domain.peer;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.DnsNames;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * More names a peer is resolvable by inside the account's DNS domain, besides its {@link DnsLabel}: with
 * {@code stage-db} the peer also answers to {@code stage-db.netloom.internal}. The device asks for them (NetBird's
 * {@code --extra-dns-labels}); they are not unique: peers sharing a name all answer to it (ADR 0046).
 * Held normalised (lowercase, no trailing dot), without duplicates and sorted, so that the same names in another
 * order or case are the same value and a device logging in with them again changes nothing.
 *
 * @param names each a DNS name of one or more labels, as NetBird's domain rule has them (letters, digits, hyphens,
 *     underscores), no wildcard; at most {@link #MAX_NAMES}
 */
public record ExtraDnsLabels(List<String> names) {

    /** NetBird's limit (its {@code maxDomains}), which its client states for {@code --extra-dns-labels}. */
    public static final int MAX_NAMES = 32;
    public static final ExtraDnsLabels NONE = new ExtraDnsLabels(List.of());

    public ExtraDnsLabels {
        names = names == null ? List.of() : List.copyOf(new TreeSet<>(names));
        if (names.size() > MAX_NAMES) {
            throw tooMany(names.size());
        }
        for (String name : names) {
            if (!name.equals(normalized(name))) {
                throw CommandRejectedException.invalid("extra DNS label \"" + name + "\" is not in normal form");
            }
        }
    }

    /** What a device sent, checked and normalised; a refusal names the first bad entry (422). */
    public static ExtraDnsLabels of(Collection<String> raw) {
        if (raw == null || raw.isEmpty()) {
            return NONE;
        }
        if (raw.size() > MAX_NAMES) {
            throw tooMany(raw.size());
        }
        TreeSet<String> names = new TreeSet<>();
        for (String entry : raw) {
            names.add(normalized(entry));
        }
        return new ExtraDnsLabels(List.copyOf(names));
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    private static String normalized(String raw) {
        return DnsNames.configuredDomain(raw, "extra DNS label");
    }

    private static CommandRejectedException tooMany(int count) {
        return CommandRejectedException.invalid(
                "at most " + MAX_NAMES + " extra DNS labels are allowed, not " + count);
    }
}
