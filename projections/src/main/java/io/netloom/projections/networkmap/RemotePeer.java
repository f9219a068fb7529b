package io.netloom.projections.networkmap;

import com.fasterxml.jackson.annotation.JsonProperty;
/**
 * A peer this peer may open a WireGuard tunnel with.
 *
 * @param allowedIp the remote's overlay address as a WireGuard allowed IP ({@code /32})
 */
public record RemotePeer(
        String id,
        @JsonProperty("public_key") String publicKey,
        @JsonProperty("allowed_ip") String allowedIp,
        String fqdn,
        boolean connected)
        implements Comparable<RemotePeer> {

    @Override
    public int compareTo(RemotePeer other) {
        return id.compareTo(other.id);
    }
}
