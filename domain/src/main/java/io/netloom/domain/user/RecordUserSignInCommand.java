package io.netloom.domain.user;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A person proved who they are to Netloom's authorization server.
 *
 * @param identityProvider the issuer that authenticated the person ({@code embedded} for the local user store)
 * @param subject the person's identifier at that provider
 */
public record RecordUserSignInCommand(
        @TargetAggregateIdentifier UserId userId,
        AccountId accountId,
        String identityProvider,
        String subject,
        Instant signedInAt) {
}
