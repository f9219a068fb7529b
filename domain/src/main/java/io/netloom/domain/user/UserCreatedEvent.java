package io.netloom.domain.user;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.UserId;
import java.util.Set;
import org.axonframework.serialization.Revision;

@Revision("1")
public record UserCreatedEvent(
        UserId userId,
        AccountId accountId,
        String email,
        String name,
        Role role,
        boolean serviceUser,
        Set<GroupId> autoGroups,
        UserIssuer issued) {

    public UserCreatedEvent {
        if (issued == null) {
            // Events written before users recorded their issuer: only the API made users then.
            issued = UserIssuer.API;
        }
    }
}
