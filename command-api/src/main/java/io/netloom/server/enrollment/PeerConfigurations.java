package io.netloom.server.enrollment;

import io.netloom.enrollment.PeerConfiguration;
import io.netloom.gateway.protocol.GatewaySignIn;
import io.netloom.gateway.protocol.SignedMapEnvelope;
import io.netloom.gateway.protocol.Wire;
import io.netloom.mapsigning.MapSigningKeys;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.PeerView;
import io.netloom.server.config.NetloomProperties;
import io.netloom.server.gateway.GatewayServer;
import io.netloom.server.tls.ServerCertificates;
import io.netloom.tls.CertificateFingerprint;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** Assembles the configuration an enrolled peer receives. */
@Component
public class PeerConfigurations {

    private final NetloomProperties properties;
    private final GatewayIdentity gatewayIdentity;
    private final TurnCredentials turnCredentials;
    private final GatewayServer gatewayServer;
    private final ServerCertificates certificates;
    private final MapSigningKeys mapSigningKeys;

    public PeerConfigurations(NetloomProperties properties, GatewayIdentity gatewayIdentity,
            TurnCredentials turnCredentials, GatewayServer gatewayServer, ServerCertificates certificates,
            MapSigningKeys mapSigningKeys) {
        this.properties = properties;
        this.gatewayIdentity = gatewayIdentity;
        this.turnCredentials = turnCredentials;
        this.gatewayServer = gatewayServer;
        this.certificates = certificates;
        this.mapSigningKeys = mapSigningKeys;
    }

    PeerConfiguration of(AccountRecords records, PeerView peer, Instant now, String requestHost) {
        var account = records.account();
        TurnCredentials.Credential credential = turnCredentials.issue(peer.id(), now);
        List<PeerConfiguration.TurnServer> turn = properties.turnUris().stream()
                .map(uri -> new PeerConfiguration.TurnServer(
                        uri, credential.username(), credential.password(), credential.expiresAt()))
                .toList();
        return new PeerConfiguration(
                peer.id().value(),
                account.id().value(),
                peer.overlayIp(),
                account.network().prefixLength(),
                account.network().cidr(),
                peer.dnsLabel().value() + "." + account.settings().dnsDomain(),
                account.settings().dnsDomain(),
                peer.approvalRequired(),
                gateway(gatewayUrls(requestHost)),
                properties.stunUris(),
                turn,
                new PeerConfiguration.MapSigning(SignedMapEnvelope.SCHEME,
                        mapSigningKeys.publicKeyBase64(account.id())),
                personOf(records, peer));
    }

    /** The person whose device this is (a peer enrolled with their sign-in); null for a setup-key peer. */
    private static PeerConfiguration.User personOf(AccountRecords records, PeerView peer) {
        if (peer.enrolledByUser() == null) {
            return null;
        }
        return records.user(peer.enrolledByUser())
                .map(user -> new PeerConfiguration.User(user.id().value(), user.email(), user.name()))
                .orElse(null);
    }

    /**
     * Where the peer syncs: every gateway URL, the first also as the single {@code url} of daemons from before the
     * list. One gateway key and one certificate fingerprint pin them all: the processes share both (ADR 0057).
     */
    private PeerConfiguration.Gateway gateway(List<String> urls) {
        return new PeerConfiguration.Gateway(urls.get(0), urls, GatewaySignIn.SCHEME, gatewayIdentity.publicKeyBase64(),
                certificates.pinnableFingerprint().map(CertificateFingerprint::text).orElse(null));
    }

    /** {@code netloom.gateway.urls}, else {@code netloom.gateway.url}, else this gateway as the peer reached the server. */
    private List<String> gatewayUrls(String requestHost) {
        NetloomProperties.Gateway settings = properties.gateway();
        if (!settings.urls().isEmpty()) {
            return settings.urls();
        }
        if (!settings.url().isBlank()) {
            return List.of(settings.url());
        }
        return List.of((gatewayServer.usesTls() ? "wss://" : "ws://") + requestHost + ":" + gatewayServer.boundPort()
                + Wire.PEER_PATH);
    }
}
