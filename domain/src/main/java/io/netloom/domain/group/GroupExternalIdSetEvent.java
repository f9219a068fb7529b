package io.netloom.domain.group;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record GroupExternalIdSetEvent(GroupId groupId, AccountId accountId, String externalId) {
}
