package io.netloom.daemon.ice;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Strict dotted-quad IPv4 literals (no leading zeros, no short forms) and the ranges a candidate may not use. */
final class IpV4 {

    private IpV4() {
    }

    static boolean isLiteral(String text) {
        return parseOrNull(text) != null;
    }

    /** The four octets, or {@code null} when {@code text} is not exactly a dotted-quad literal. */
    static byte[] parseOrNull(String text) {
        if (text == null || text.isEmpty() || text.length() > 15) {
            return null;
        }
        byte[] octets = new byte[4];
        int octet = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) {
                    return null; // leading zero
                }
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                digits++;
                if (value > 255) {
                    return null;
                }
            } else if (c == '.') {
                if (digits == 0 || octet > 3) {
                    return null;
                }
                octets[octet++] = (byte) value;
                value = -1;
                digits = 0;
            } else {
                return null;
            }
        }
        return octet == 4 ? octets : null;
    }

    static Inet4Address parse(String text) {
        byte[] octets = parseOrNull(text);
        if (octets == null) {
            throw new IllegalArgumentException(IceUris.quote(text) + " is not an IPv4 address");
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why {@code address} can never be a peer's candidate, or {@code null} when it may be. */
    static String unusableReason(byte[] octets) {
        int a = octets[0] & 0xff;
        int b = octets[1] & 0xff;
        if (a == 0) {
            return "is in 0.0.0.0/8 (unspecified)";
        }
        if (a == 127) {
            return "is a loopback address";
        }
        if (a == 169 && b == 254) {
            return "is a link-local address";
        }
        if (a >= 224 && a <= 239) {
            return "is a multicast address";
        }
        if (a >= 240) {
            return a == 255 && b == 255 && (octets[2] & 0xff) == 255 && (octets[3] & 0xff) == 255
                    ? "is the broadcast address" : "is in 240.0.0.0/4 (reserved)";
        }
        return null;
    }
}
