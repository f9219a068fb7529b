package io.netloom.enrollment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * What an enrolled daemon needs to join the mesh, as the management server answers
 * {@code POST /api/netloom/enroll}: its address and name, where to sync, whose signature its maps carry,
 * how to traverse NATs, and, for a person's device, whose peer it is. One type
 * for both sides, so the server's answer and the daemon's reading of it cannot drift apart.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
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
        @JsonProperty("turn") List<TurnServer> turnServers,
        @JsonProperty("map_signing") MapSigning mapSigning,
        @JsonProperty("user") @JsonInclude(JsonInclude.Include.NON_NULL) User user) {

    public PeerConfiguration {
        stunUris = stunUris == null ? List.of() : List.copyOf(stunUris);
        turnServers = turnServers == null ? List.of() : List.copyOf(turnServers);
    }

    public String overlayAddressWithPrefix() {
        return overlayIp + "/" + overlayPrefixLength;
    }

    /**
     * Where the daemon syncs its network map, and how it authenticates there: a proof of its
     * WireGuard private key against the gateway's static X25519 key (scheme named for versioning).
     * {@code certificateFingerprint} is the SHA-256 fingerprint of the certificate a {@code wss://} gateway
     * presents, when the server generated it itself: the daemon pins it, having learnt it over the already
     * trusted management connection. Absent for a CA-issued certificate (renewed from time to time, trusted
     * through its authority) and for plain {@code ws://}.
     *
     * <p>{@code urls} lists every gateway process of the server, the one to try first first (ADR 0057); all of
     * them hold the same gateway key and present the same certificate, so the one key and the one fingerprint pin
     * each. {@code url} is the first of them, for a daemon from before the list; an answer or a saved enrollment
     * without the list stands for the list of {@code url} alone.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Gateway(
            @JsonProperty("url") String url,
            @JsonProperty("urls") List<String> urls,
            @JsonProperty("auth_scheme") String authScheme,
            @JsonProperty("public_key") String publicKey,
            @JsonProperty("certificate_fingerprint") String certificateFingerprint) {

        public Gateway {
            urls = urls == null || urls.isEmpty() ? (url == null ? List.of() : List.of(url)) : List.copyOf(urls);
            url = url == null && !urls.isEmpty() ? urls.get(0) : url;
        }

        /** A gateway of one process. */
        public Gateway(String url, String authScheme, String publicKey, String certificateFingerprint) {
            this(url, null, authScheme, publicKey, certificateFingerprint);
        }
    }

    /**
     * The account's key that signs every map and delta this peer receives (scheme
     * {@code ed25519-netloom-map-v1}, {@code SignedMapEnvelope}): the daemon applies nothing it does not verify.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MapSigning(
            @JsonProperty("scheme") String scheme,
            @JsonProperty("public_key") String publicKey) {
    }

    /** A TURN server with a time-limited credential (coturn's shared-secret scheme). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TurnServer(
            @JsonProperty("uri") String uri,
            @JsonProperty("username") String username,
            @JsonProperty("password") String password,
            @JsonProperty("expires_at") Instant expiresAt) {

        @Override
        public String toString() {
            return "TurnServer[uri=" + uri + ", username=" + username + ", expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * The person whose peer the device is, in an answer to an enrollment with that person's access token (absent
     * with a setup key): who signed in, as the server that verified the token knows them. A device whose issuer
     * sent no ID token (Netloom's own server issues none for the device grant) learns it only here.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record User(
            @JsonProperty("id") String id,
            @JsonProperty("email") String email,
            @JsonProperty("name") String name) {
    }
}
