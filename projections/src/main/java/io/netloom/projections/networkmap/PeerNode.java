package io.netloom.projections.networkmap;

import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.UserId;
import java.util.List;
import java.util.Set;

/**
 * What the network map needs to know about one peer. A peer takes part in the overlay only while it
 * is approved, its login has not expired and its owner is not blocked; otherwise it receives its own
 * configuration but can reach nobody and nobody can reach it.
 *
 * @param owner the user whose blocking or deletion cuts it: the person who signed it in, or for a setup-key
 *     enrollment the key's creator when setup-key peers are offboarded with their creator; null for none
 * @param connected whether it currently holds a session with the gateway
 * @param loginExpired whether its person's sign-in on it has expired (login or inactivity expiry)
 * @param extraDnsLabels more names it answers to in the account's domain besides its label (ADR 0046), normalised and
 *     sorted; none in snapshots stored before they existed
 */
public record PeerNode(
        PeerId id, String publicKey, String overlayIp, String dnsLabel, UserId owner, boolean approved,
        boolean connected, boolean loginExpired, List<String> extraDnsLabels) {

    public PeerNode {
        extraDnsLabels = extraDnsLabels == null ? List.of() : List.copyOf(extraDnsLabels);
    }

    /** A peer whose login has not expired. */
    public PeerNode(PeerId id, String publicKey, String overlayIp, String dnsLabel, UserId owner, boolean approved,
            boolean connected) {
        this(id, publicKey, overlayIp, dnsLabel, owner, approved, connected, false, List.of());
    }

    /** Whether the peer takes part in the overlay: approved, logged in, and not owned by a blocked user. */
    boolean isActiveUnder(Set<UserId> blockedUsers) {
        return approved && !loginExpired && (owner == null || !blockedUsers.contains(owner));
    }

    /** The peer's overlay address as maps name it: the source of inbound rules, a remote's allowed IP. */
    public String hostAddress() {
        return MapRendering.hostAddress(this);
    }

    /** Whether another peer would see a difference between this and {@code other}. */
    boolean looksDifferentFrom(PeerNode other) {
        return !publicKey.equals(other.publicKey) || !overlayIp.equals(other.overlayIp)
                || !dnsLabel.equals(other.dnsLabel) || connected != other.connected
                || !extraDnsLabels.equals(other.extraDnsLabels);
    }

    public PeerNode withApproved(boolean value) {
        return new PeerNode(id, publicKey, overlayIp, dnsLabel, owner, value, connected, loginExpired, extraDnsLabels);
    }

    public PeerNode withConnected(boolean value) {
        return new PeerNode(id, publicKey, overlayIp, dnsLabel, owner, approved, value, loginExpired, extraDnsLabels);
    }

    public PeerNode withOverlayIp(String value) {
        return new PeerNode(id, publicKey, value, dnsLabel, owner, approved, connected, loginExpired, extraDnsLabels);
    }

    public PeerNode withDnsLabel(String value) {
        return new PeerNode(id, publicKey, overlayIp, value, owner, approved, connected, loginExpired, extraDnsLabels);
    }

    public PeerNode withExtraDnsLabels(List<String> value) {
        return new PeerNode(id, publicKey, overlayIp, dnsLabel, owner, approved, connected, loginExpired, value);
    }

    public PeerNode withLoginExpired(boolean value) {
        return new PeerNode(id, publicKey, overlayIp, dnsLabel, owner, approved, connected, value, extraDnsLabels);
    }
}
