package io.netloom.domain.user;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import org.axonframework.serialization.Revision;

/** Revision 1 had no cause: those unblocks were an admin's, which the compact constructor fills in. */
@Revision("2")
public record UserUnblockedEvent(UserId userId, AccountId accountId, OffboardingCause cause) {

    public UserUnblockedEvent {
        cause = OffboardingCause.orAdmin(cause);
    }
}
