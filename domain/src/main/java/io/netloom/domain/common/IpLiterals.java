package io.netloom.domain.common;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * IP addresses written as literals, checked without any lookup: IPv4 in strict dotted-quad form
 * ({@link Ipv4Address}), IPv6 in any RFC 4291 text form without a zone ("%eth0"). An IPv4-mapped IPv6 address
 * ("::ffff:10.0.0.1") is an IPv4 address in disguise and no IPv6 one, as NetBird reads it.
 */
public final class IpLiterals {

    private IpLiterals() {
    }

    public static boolean isIpv4(String text) {
        try {
            Ipv4Address.parse(text, "address");
            return true;
        } catch (CommandRejectedException malformed) {
            return false;
        }
    }

    /** The address in lowercase, or a rejection naming {@code what}. */
    public static String requireIpv6(String text, String what) {
        if (!isIpv6(text)) {
            throw CommandRejectedException.invalid(what + " must be an IPv6 address, got \"" + text + "\"");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /** An IPv4 or IPv6 address, IPv6 in lowercase. */
    public static String requireIp(String text, String what) {
        if (isIpv4(text)) {
            return text;
        }
        if (isIpv6(text)) {
            return text.toLowerCase(Locale.ROOT);
        }
        throw CommandRejectedException.invalid(what + " must be an IPv4 or IPv6 address, got \"" + text + "\"");
    }

    public static boolean isIpv6(String text) {
        // Only hex digits, colons and the dots of an embedded IPv4 tail, and at least one colon: for such a string
        // InetAddress parses the literal and never asks a resolver.
        if (text == null || text.length() > 45 || text.indexOf(':') < 0
                || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return false;
        }
        try {
            return InetAddress.getByName(text) instanceof Inet6Address;
        } catch (UnknownHostException malformed) {
            return false;
        }
    }
}
