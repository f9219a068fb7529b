package io.netloom.daemon;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The extra DNS labels this device asks for (ADR 0046), checked as the server checks them so that a typo is
 * reported by the CLI rather than by the server at the next sign-in: DNS names of letters, digits, hyphens and
 * underscores (NetBird's rule), no wildcard, at most {@link #MAX_NAMES}; normalised (lowercase, no trailing dot),
 * each once, sorted.
 */
public final class ExtraDnsLabelNames {

    /** NetBird's limit for {@code --extra-dns-labels}, which the server holds too. */
    public static final int MAX_NAMES = 32;
    private static final int MAX_NAME_LENGTH = 253;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?");

    private ExtraDnsLabelNames() {
    }

    /** @throws IllegalArgumentException naming the first entry that is no DNS name, or the count */
    public static List<String> normalized(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        if (raw.size() > MAX_NAMES) {
            throw new IllegalArgumentException("at most " + MAX_NAMES + " extra DNS labels are allowed, not "
                    + raw.size());
        }
        TreeSet<String> names = new TreeSet<>();
        for (String entry : raw) {
            String name = entry == null ? "" : entry.strip().toLowerCase(Locale.ROOT);
            if (name.endsWith(".")) {
                name = name.substring(0, name.length() - 1);
            }
            if (!isName(name)) {
                throw new IllegalArgumentException("extra DNS label \"" + entry + "\" is not a valid DNS name "
                        + "(labels of letters, digits, hyphens and underscores, at most " + MAX_NAME_LENGTH
                        + " characters)");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    private static boolean isName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
