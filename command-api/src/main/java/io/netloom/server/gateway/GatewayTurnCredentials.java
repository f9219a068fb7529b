package io.netloom.server.gateway;

import io.netloom.enrollment.PeerConfiguration;
import io.netloom.gateway.PeerIdentity;
import io.netloom.gateway.TurnCredentialSource;
import io.netloom.gateway.protocol.TurnCredentialsMessage;
import io.netloom.server.config.NetloomProperties;
import io.netloom.server.enrollment.TurnCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The TURN credentials the gateway renews for a signed-in peer: the same scheme and lifetime
 * ({@code netloom.turn-credential-ttl}) as those handed out at enrollment, for every configured TURN server.
 */
@Component
public class GatewayTurnCredentials implements TurnCredentialSource {

    private final NetloomProperties properties;
    private final TurnCredentials turnCredentials;

    public GatewayTurnCredentials(NetloomProperties properties, TurnCredentials turnCredentials) {
        this.properties = properties;
        this.turnCredentials = turnCredentials;
    }

    @Override
    public Optional<TurnCredentialsMessage.Grant> issue(PeerIdentity peer, Instant now) {
        if (properties.turnUris().isEmpty()) {
            return Optional.empty();
        }
        TurnCredentials.Credential credential = turnCredentials.issue(peer.peerId(), now);
        return Optional.of(new TurnCredentialsMessage.Grant(properties.turnUris().stream()
                .map(uri -> new PeerConfiguration.TurnServer(uri, credential.username(), credential.password(),
                        credential.expiresAt()))
                .toList(), Duration.between(now, credential.expiresAt())));
    }
}
