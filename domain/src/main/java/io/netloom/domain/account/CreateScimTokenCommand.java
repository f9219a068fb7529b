package io.netloom.domain.account;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.TokenId;
import io.netloom.domain.ids.UserId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A bearer token for the account's SCIM client (ADR 0026). Only the token's SHA-256 hash travels here.
 *
 * @param identityProvider the upstream provider whose subjects the client's {@code externalId}s are, or null
 * @param expiresAt null for a token that lasts until it is revoked
 */
public record CreateScimTokenCommand(
        @TargetAggregateIdentifier AccountId accountId,
        TokenId tokenId,
        String name,
        String tokenHash,
        String identityProvider,
        UserId createdBy,
        Instant createdAt,
        Instant expiresAt) {
}
