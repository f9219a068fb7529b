package io.netloom.domain.route;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.Ipv4Address;
import io.netloom.domain.common.Required;

/**
 * The IPv4 range a route leads to, /0 (an exit node) to /32. A prefix with host bits set is refused rather
 * than silently widened: "10.1.2.3/16" more likely means a typo than the whole of 10.1.0.0/16, and widening
 * it would hand out more of a site's network than the admin asked for.
 */
public record RoutePrefix(String cidr) {

    private static final int MAX_PREFIX = 32;

    public RoutePrefix {
        String value = Required.present(cidr, "network").trim();
        int slash = value.indexOf('/');
        if (slash < 0) {
            throw CommandRejectedException.invalid("network must be an IPv4 prefix in CIDR form, e.g. 10.0.0.0/24");
        }
        long address = Ipv4Address.parse(value.substring(0, slash), "network address");
        int length = parseLength(value.substring(slash + 1));
        long base = address & mask(length);
        if (base != address) {
            throw CommandRejectedException.invalid("network " + value + " has host bits set; did you mean "
                    + Ipv4Address.format(base) + "/" + length + "?");
        }
        cidr = value;
    }

    public int length() {
        return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
    }

    /** 0.0.0.0/0: all traffic, which makes the routing peer an exit node. */
    public boolean isDefaultRoute() {
        return length() == 0;
    }

    /** Two prefixes overlap when the shorter one contains the other's base address. */
    public boolean overlaps(RoutePrefix other) {
        int shorter = Math.min(length(), other.length());
        return (base() & mask(shorter)) == (other.base() & mask(shorter));
    }

    private long base() {
        return Ipv4Address.parse(cidr.substring(0, cidr.indexOf('/')), "network address");
    }

    private static long mask(int length) {
        return length == 0 ? 0 : (0xFFFFFFFFL << (32 - length)) & 0xFFFFFFFFL;
    }

    /** Digits only, no sign or leading zero, so "024" or "+8" cannot be read two ways. */
    private static int parseLength(String text) {
        boolean digits = !text.isEmpty() && text.length() <= 2 && text.chars().allMatch(c -> c >= '0' && c <= '9')
                && (text.length() == 1 || text.charAt(0) != '0');
        int length = digits ? Integer.parseInt(text) : -1;
        if (length < 0 || length > MAX_PREFIX) {
            throw CommandRejectedException.invalid("network prefix length must be between 0 and " + MAX_PREFIX);
        }
        return length;
    }
}
