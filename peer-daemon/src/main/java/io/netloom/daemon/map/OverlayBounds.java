package io.netloom.daemon.map;

import io.netloom.daemon.link.IpPrefix;
import io.netloom.daemon.link.Printable;
import java.net.InetAddress;
import java.util.Optional;

/**
 * What a map may put on this device: addresses inside the account's overlay network, and for each
 * remote peer and firewall source exactly one of them ({@code /32}). There are no routes yet; when
 * routes come, a peer's granted routes join the overlay here. A map that reaches outside is refused
 * whole: it would route or admit someone else's traffic.
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
