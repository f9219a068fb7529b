package io.netloom.domain.common;

/**
 * The overlay address range of an account. Prefixes are limited to /8../30: once the network and broadcast
 * addresses are reserved a /31 or /32 holds no peers, and no mesh needs more than a /8.
 */
public record Ipv4Network(String cidr) {

    public static final Ipv4Network DEFAULT = new Ipv4Network("100.64.0.0/10");

    private static final int MIN_PREFIX = 8;
    private static final int MAX_PREFIX = 30;

    public Ipv4Network {
        int slash = Required.present(cidr, "network").indexOf('/');
        if (slash < 0) {
            throw CommandRejectedException.invalid("network must be in CIDR form, e.g. 100.64.0.0/10");
        }
        long base = Ipv4Address.parse(cidr.substring(0, slash), "network address");
        int prefix = parsePrefix(cidr.substring(slash + 1));
        long normalized = base & mask(prefix);
        if (normalized != base) {
            throw CommandRejectedException.invalid(
                    "network has host bits set; did you mean " + Ipv4Address.format(normalized) + "/" + prefix + "?");
        }
    }

    public int prefixLength() {
        return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
    }

    public long size() {
        return 1L << (32 - prefixLength());
    }

    public boolean contains(String ipv4) {
        return (Ipv4Address.parse(ipv4, "address") & mask(prefixLength())) == base();
    }

    public String addressAt(long offset) {
        if (offset < 0 || offset >= size()) {
            throw CommandRejectedException.invalid("offset " + offset + " is outside " + cidr);
        }
        return Ipv4Address.format(base() + offset);
    }

    public long offsetOf(String ipv4) {
        if (!contains(ipv4)) {
            throw CommandRejectedException.invalid(ipv4 + " is outside " + cidr);
        }
        return Ipv4Address.parse(ipv4, "address") - base();
    }

    private long base() {
        return Ipv4Address.parse(cidr.substring(0, cidr.indexOf('/')), "network address");
    }

    private static long mask(int prefix) {
        return (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    private static int parsePrefix(String prefix) {
        int length = Ipv4Address.parseDecimal(prefix, 2);
        if (length < MIN_PREFIX || length > MAX_PREFIX) {
            throw CommandRejectedException.invalid(
                    "network prefix length must be between " + MIN_PREFIX + " and " + MAX_PREFIX);
        }
        return length;
    }
}
