package io.netloom.daemon.link;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Parses IP address literals strictly and without ever asking DNS: {@link InetAddress#getByName}
 * alone would resolve anything that is not a literal, and accepts odd IPv4 forms such as
 * {@code 1.2.3} or leading zeros that other tools read as octal.
 */
public final class IpLiterals {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "\\." + OCTET + "\\." + OCTET + "\\." + OCTET);
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpLiterals() {
    }

    public static InetAddress parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("an IP address is required");
        }
        var ipv4 = IPV4.matcher(text);
        if (ipv4.matches()) {
            byte[] octets = new byte[4];
            for (int i = 0; i < 4; i++) {
                octets[i] = (byte) Integer.parseInt(ipv4.group(i + 1));
            }
            return byAddress(octets);
        }
        // Only hex digits, colons and dots: InetAddress can then only read it as an IPv6 literal.
        if (text.contains(":") && IPV6_CHARACTERS.matcher(text).matches()) {
            try {
                return InetAddress.getByName(text);
            } catch (UnknownHostException e) {
                throw notAnAddress(text);
            }
        }
        throw notAnAddress(text);
    }

    private static InetAddress byAddress(byte[] octets) {
        try {
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four octets are always a valid IPv4 address", e);
        }
    }

    private static IllegalArgumentException notAnAddress(String text) {
        return new IllegalArgumentException(Printable.quote(text) + " is not an IP address");
    }
}
