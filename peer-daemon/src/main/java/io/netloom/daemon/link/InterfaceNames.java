package io.netloom.daemon.link;

import java.util.regex.Pattern;

/**
 * Network interface names as Netloom accepts them. Stricter than Linux on purpose: the name ends up
 * in {@code ip} arguments (a leading dash would read as an option), in a UNIX socket path and
 * quoted inside nftables scripts, so it may hold no slash, quote, space or control character.
 */
public final class InterfaceNames {

    // Linux allows 15 bytes (IFNAMSIZ minus the terminating NUL).
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}");

    private InterfaceNames() {
    }

    public static String requireValid(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid interface name " + Printable.quote(name)
                    + ": use 1 to 15 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }
}
