package io.netloom.domain.dns;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.NameserverGroupId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteNameserverGroupCommand(
        @TargetAggregateIdentifier NameserverGroupId nameserverGroupId, AccountId accountId) {
}
