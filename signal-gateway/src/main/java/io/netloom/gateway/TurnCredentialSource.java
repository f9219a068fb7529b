package io.netloom.gateway;

import io.netloom.gateway.protocol.TurnCredentialsMessage;
import java.time.Instant;
import java.util.Optional;

/** Issues TURN credentials for one signed-in peer; empty when the server hands out no TURN servers. */
public interface TurnCredentialSource {

    TurnCredentialSource NONE = (peer, now) -> Optional.empty();

    Optional<TurnCredentialsMessage.Grant> issue(PeerIdentity peer, Instant now);
}
