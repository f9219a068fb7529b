package io.netloom.domain.user;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A person signed in; {@code firstSignIn} marks the sign-in that linked the user to that provider's subject. */
@Revision("1")
public record UserSignedInEvent(
        UserId userId,
        AccountId accountId,
        String identityProvider,
        String subject,
        boolean firstSignIn,
        Instant signedInAt) {
}
