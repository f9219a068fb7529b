package io.netloom.daemon.map;

import io.netloom.daemon.link.IpPrefix;
import io.netloom.daemon.link.Printable;
import java.net.InetAddress;
import java.util.Optional;

/**
 * What a map may put on this device: addresses inside the account's overlay network, and for each
 * remote peer and firewall source exactly one of them ({@code /32}). A map that reaches outside with
 * those is refused whole: it would route or admit someone else's traffic. Routes (docs/protocol.md,
 * section 2b) are the one way a map reaches outside the overlay; they are checked one by one
 * ({@link #routeProblem}, {@link UsableRoutes}) so one bad route never stops the rest of the map.
 */
public record OverlayBounds(IpPrefix network) {

    public OverlayBounds {
        if (!network.isIpv4() || network.hasHostBits()) {
            throw new IllegalArgumentException("the overlay network must be an IPv4 network, not " + network);
        }
    }

    /** The overlay as enrollment names it, e.g. {@code 100.64.0.0/10}. */
    public static OverlayBounds of(String cidr) {
        return new OverlayBounds(IpPrefix.parse(cidr));
    }

    /** Why the map reaches outside the overlay, or empty when it stays inside. */
    public Optional<String> problemWith(NetworkMap map) {
        String address = map.config().address();
        if (!isInside(address, network.length())) {
            return Optional.of("its own address " + Printable.quote(address) + " is not an address of the overlay "
                    + network);
        }
        for (RemotePeer peer : map.remotePeers()) {
            if (!isInside(peer.allowedIp(), 32)) {
                return Optional.of("peer " + Printable.quote(peer.id()) + " has allowed IP "
                        + Printable.quote(peer.allowedIp()) + ", not a single address (/32) inside the overlay "
                        + network);
            }
        }
        for (InboundRule rule : map.inboundRules()) {
            if (!isInside(rule.source(), 32)) {
                return Optional.of("an inbound rule admits " + Printable.quote(rule.source())
                        + ", not a single address (/32) inside the overlay " + network);
            }
        }
        return Optional.empty();
    }

    /**
     * Why a route's {@code network} cannot be routed to another peer, or empty when it can: it must be an IPv4
     * network without host bits, and lie outside the overlay, whose addresses belong to peers themselves
     * ({@code 0.0.0.0/0}, an exit node, is the one network that covers it: the overlay's own, more specific route
     * keeps it).
     */
    public Optional<String> routeProblem(String cidr) {
        IpPrefix prefix;
        try {
            prefix = IpPrefix.parse(cidr);
        } catch (IllegalArgumentException e) {
            return Optional.of("network " + Printable.quote(cidr) + " is not an IPv4 prefix");
        }
        if (!prefix.isIpv4()) {
            return Optional.of("network " + Printable.quote(cidr) + " is not an IPv4 prefix");
        }
        if (prefix.hasHostBits()) {
            return Optional.of("network " + cidr + " has host bits set");
        }
        if (prefix.length() == 0) {
            return Optional.empty();
        }
        boolean overlaps = prefix.length() >= network.length()
                ? contains(prefix.address())
                : new IpPrefix(network.address(), prefix.length()).network().equals(prefix);
        return overlaps ? Optional.of("network " + cidr + " overlaps the overlay " + network) : Optional.empty();
    }

    /** Whether {@code prefix} is an address of the overlay with exactly {@code length}. */
    private boolean isInside(String prefix, int length) {
        IpPrefix parsed;
        try {
            parsed = IpPrefix.parse(prefix);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return parsed.isIpv4() && parsed.length() == length && contains(parsed.address());
    }

    private boolean contains(InetAddress address) {
        return new IpPrefix(address, network.length()).network().equals(network);
    }

    @Override
    public String toString() {
        return network.toString();
    }
}
