package io.netloom.projections.networkmap;

/**
 * A peer this peer may open a WireGuard tunnel with.
 *
 * @param allowedIp the remote's overlay address as a WireGuard allowed IP ({@code /32})
 */
public record RemotePeer(String id, String publicKey, String allowedIp, String fqdn, boolean connected)
        implements Comparable<RemotePeer> {

    @Override
    public int compareTo(RemotePeer other) {
        return id.compareTo(other.id);
    }
}
