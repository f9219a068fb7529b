package io.netloom.daemon.link;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IP address with a prefix length, e.g. {@code 100.64.0.7/10}; the address may have host bits set. */
public record IpPrefix(InetAddress address, int length) {

    public IpPrefix {
        int bits = address.getAddress().length * 8;
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("prefix length must be between 0 and " + bits + ", got " + length);
        }
    }

    /** Parses {@code address/length}; the length is required. */
    public static IpPrefix parse(String text) {
        if (text == null || text.indexOf('/') < 0) {
            throw new IllegalArgumentException(Printable.quote(text) + " is not in address/prefix-length form");
        }
        return parseAddressOrPrefix(text);
    }

    /** Parses {@code address/length}, or a bare address meaning that single host. */
    public static IpPrefix parseAddressOrPrefix(String text) {
        if (text == null) {
            throw new IllegalArgumentException("an IP address or prefix is required");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            InetAddress address = IpLiterals.parse(text);
            return new IpPrefix(address, address.getAddress().length * 8);
        }
        InetAddress address = IpLiterals.parse(text.substring(0, slash));
        String length = text.substring(slash + 1);
        if (!length.matches("[0-9]{1,3}")) {
            throw new IllegalArgumentException(Printable.quote(text) + " has an invalid prefix length");
        }
        return new IpPrefix(address, Integer.parseInt(length));
    }

    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    public boolean isSingleHost() {
        return length == address.getAddress().length * 8;
    }

    /** The prefix with its host bits cleared: {@code 100.64.0.7/10} gives {@code 100.64.0.0/10}. */
    public IpPrefix network() {
        byte[] bytes = address.getAddress();
        for (int bit = length; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return new IpPrefix(InetAddress.getByAddress(bytes), length);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a masked address has the same length as the original", e);
        }
    }

    public boolean hasHostBits() {
        return !network().equals(this);
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + length;
    }
}
