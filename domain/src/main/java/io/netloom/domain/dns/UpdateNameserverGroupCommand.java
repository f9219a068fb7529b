package io.netloom.domain.dns;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.NameserverGroupId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces the whole nameserver group, as NetBird's PUT does. */
public record UpdateNameserverGroupCommand(
        @TargetAggregateIdentifier NameserverGroupId nameserverGroupId,
        AccountId accountId,
        NameserverGroupDefinition definition) {
}
