package io.netloom.domain.group;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record GroupCreatedEvent(GroupId groupId, AccountId accountId, String name, boolean builtIn, GroupIssuer issued) {

    public GroupCreatedEvent {
        if (issued == null) {
            // Events written before groups recorded their issuer: only administrators made groups then.
            issued = GroupIssuer.API;
        }
    }
}
