package io.netloom.server.enrollment;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** What an enrolled daemon needs to join the mesh: its address and name, where to sync, how to traverse NATs. */
public record PeerConfiguration(
        @JsonProperty("peer_id") String peerId,
        @JsonProperty("account_id") String accountId,
        @JsonProperty("overlay_ip") String overlayIp,
        @JsonProperty("overlay_prefix_length") int overlayPrefixLength,
        @JsonProperty("overlay_network") String overlayNetwork,
        @JsonProperty("fqdn") String fqdn,
        @JsonProperty("dns_domain") String dnsDomain,
        @JsonProperty("approval_required") boolean approvalRequired,
        @JsonProperty("gateway") Gateway gateway,
        @JsonProperty("stun") List<String> stunUris,
        @JsonProperty("turn") List<TurnServer> turnServers) {

    /**
     * Where the daemon syncs its network map, and how it authenticates there: a proof of its
     * WireGuard private key against the gateway's static X25519 key (scheme named for versioning).
     */
    public record Gateway(
            @JsonProperty("url") String url,
            @JsonProperty("auth_scheme") String authScheme,
            @JsonProperty("public_key") String publicKey) {
    }

    public record TurnServer(
            @JsonProperty("uri") String uri,
            @JsonProperty("username") String username,
            @JsonProperty("password") String password,
            @JsonProperty("expires_at") Instant expiresAt) {
    }
}
