package io.netloom.server.scim;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.TokenId;
import io.netloom.server.axon.Initiator;
import java.util.Optional;

/**
 * The SCIM client behind a request: the token it presented, the one account that token reaches, and the upstream
 * provider whose subjects its {@code externalId}s are, if the token was bound to one (ADR 0026).
 */
public record ScimClient(TokenId tokenId, AccountId accountId, Optional<String> identityProvider) {

    /** Every event a SCIM request causes names the token, so the history shows which client did it. */
    public Initiator initiator() {
        return new Initiator("scim:" + tokenId.value());
    }
}
