package io.netloom.daemon.dns;

import io.netloom.daemon.link.IpLiterals;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.xbill.DNS.Name;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TextParseException;

/**
 * Where the overlay's reverse names (PTR, RFC 1035 §3.5) are this resolver's to answer: the {@code in-addr.arpa}
 * names of the addresses inside the overlay network. Pure.
 *
 * @param network the overlay network's first address, as an unsigned 32-bit number
 * @param prefixLength its prefix length, e.g. 10 for 100.64.0.0/10
 * @param zone the reverse zone on the octet boundary that holds the network ({@code 100.in-addr.arpa.} for a /10),
 *     named by the SOA of negative answers
 */
public record OverlayReverse(long network, int prefixLength, Name zone) {

    private static final Name IN_ADDR_ARPA = Name.fromConstantString("in-addr.arpa.");
    /** Four octets, {@code in-addr}, {@code arpa} and the root. */
    private static final int ADDRESS_NAME_LABELS = 7;

    /** From the map's {@code config.address}, e.g. {@code 100.64.0.7/10}. */
    static OverlayReverse of(String address) {
        int slash = address == null ? -1 : address.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("no prefix length");
        }
        int prefixLength;
        try {
            prefixLength = Integer.parseInt(address.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the prefix length is no number");
        }
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is not between 0 and 32");
        }
        if (!(IpLiterals.parse(address.substring(0, slash)) instanceof Inet4Address ip)) {
            throw new IllegalArgumentException("not an IPv4 address");
        }
        long network = value(ip) & mask(prefixLength);
        StringBuilder zone = new StringBuilder();
        for (int octet = prefixLength / 8 - 1; octet >= 0; octet--) {
            zone.append((network >> (24 - 8 * octet)) & 0xff).append('.');
        }
        try {
            return new OverlayReverse(network, prefixLength, Name.fromString(zone + "in-addr.arpa."));
        } catch (TextParseException e) {
            throw new IllegalStateException("digits and dots always make a name", e);
        }
    }

    /** The reverse name of {@code ip}: {@code 7.0.64.100.in-addr.arpa.} for 100.64.0.7. */
    static Name nameOf(InetAddress ip) {
        return ReverseMap.fromAddress(ip);
    }

    /** Whether {@code name} is the reverse name of an address inside the overlay network. */
    boolean covers(Name name) {
        if (name.labels() != ADDRESS_NAME_LABELS || !name.subdomain(IN_ADDR_ARPA)) {
            return false;
        }
        byte[] octets = new byte[4];
        for (int i = 0; i < 4; i++) {
            String label = name.getLabelString(i);
            if (!label.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(label) > 255) {
                return false;
            }
            octets[3 - i] = (byte) Integer.parseInt(label);
        }
        try {
            return (value((Inet4Address) InetAddress.getByAddress(octets)) & mask(prefixLength)) == network;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    private static long value(Inet4Address ip) {
        byte[] bytes = ip.getAddress();
        return ((bytes[0] & 0xffL) << 24) | ((bytes[1] & 0xffL) << 16) | ((bytes[2] & 0xffL) << 8) | (bytes[3] & 0xffL);
    }

    private static long mask(int prefixLength) {
        return prefixLength == 0 ? 0 : (0xffffffffL << (32 - prefixLength)) & 0xffffffffL;
    }
}
