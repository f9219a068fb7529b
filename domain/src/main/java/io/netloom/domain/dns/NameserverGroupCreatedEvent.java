package io.netloom.domain.dns;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.NameserverGroupId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record NameserverGroupCreatedEvent(
        NameserverGroupId nameserverGroupId, AccountId accountId, NameserverGroupDefinition definition) {
}
