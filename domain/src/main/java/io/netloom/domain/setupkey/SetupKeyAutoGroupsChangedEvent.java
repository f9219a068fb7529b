package io.netloom.domain.setupkey;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.SetupKeyId;
import java.util.Set;
import org.axonframework.serialization.Revision;

@Revision("1")
public record SetupKeyAutoGroupsChangedEvent(SetupKeyId setupKeyId, AccountId accountId, Set<GroupId> autoGroups) {
}
