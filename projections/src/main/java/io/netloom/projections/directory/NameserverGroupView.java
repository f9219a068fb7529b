package io.netloom.projections.directory;

import io.netloom.domain.dns.NameserverGroupDefinition;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.NameserverGroupId;

public record NameserverGroupView(NameserverGroupId id, AccountId accountId, NameserverGroupDefinition definition) {
}
