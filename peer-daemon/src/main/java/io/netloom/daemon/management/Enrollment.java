package io.netloom.daemon.management;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.netloom.enrollment.PeerConfiguration;
import io.netloom.tls.CertificateFingerprint;
import io.netloom.tls.ServerTrust;
import java.time.Instant;
import java.util.Optional;

/**
 * This device's enrollment as kept in the state directory: where it enrolled, when, what it was told, and
 * the fingerprint of the server certificate it pinned then ({@code --server-fingerprint}; null when the
 * certificate authorities vouch for the server).
 */
public record Enrollment(
        @JsonProperty("management_url") String managementUrl,
        @JsonProperty("enrolled_at") Instant enrolledAt,
        @JsonProperty("configuration") PeerConfiguration configuration,
        @JsonProperty("server_fingerprint") String serverFingerprint) {

    public Optional<CertificateFingerprint> serverPin() {
        return Optional.ofNullable(serverFingerprint).map(CertificateFingerprint::parse);
    }

    /** The management server: the pinned certificate, else the certificate authorities and the host name. */
    public ServerTrust managementTrust() {
        return ServerTrust.of(serverPin());
    }

    /**
     * The gateway: the certificate the server named for it in the enrollment answer (learnt over the trusted
     * management connection), else the management server's pin (one certificate serves both), else the
     * certificate authorities.
     */
    public ServerTrust gatewayTrust() {
        Optional<CertificateFingerprint> named = Optional.ofNullable(configuration.gateway().certificateFingerprint())
                .map(CertificateFingerprint::parse);
        return ServerTrust.of(named.or(this::serverPin));
    }
}
