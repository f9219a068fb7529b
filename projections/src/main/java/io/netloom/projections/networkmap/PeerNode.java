package io.netloom.projections.networkmap;

import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.UserId;
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
 */
public record PeerNode(
        PeerId id, String publicKey, String overlayIp, String dnsLabel, UserId owner, boolean approved,
        boolean connected, boolean loginExpired) {

    /** A peer whose login has not expired. */
    public PeerNode(PeerId id, String publicKey, String overlayIp, String dnsLabel, UserId owner, boolean approved,
            boolean connected) {
        this(id, publicKey, overlayIp, dnsLabel, owner, approved, connected, false);
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
                || !dnsLabel.equals(other.dnsLabel) || connected != other.connected;
    }

    public PeerNode withApproved(boolean value) {
        return new PeerNode(id, publicKey, overlayIp, dnsLabel, owner, value, connected, loginExpired);
    }

    public PeerNode withConnected(boolean value) {
        return new PeerNode(id, publicKey, overlayIp, dnsLabel, owner, approved, value, loginExpired);
    }

    public PeerNode withOverlayIp(String value) {
        return new PeerNode(id, publicKey, value, dnsLabel, owner, approved, connected, loginExpired);
    }

    public PeerNode withDnsLabel(String value) {
        return new PeerNode(id, publicKey, overlayIp, value, owner, approved, connected, loginExpired);
    }

    public PeerNode withLoginExpired(boolean value) {
        return new PeerNode(id, publicKey, overlayIp, dnsLabel, owner, approved, connected, value);
    }
}
