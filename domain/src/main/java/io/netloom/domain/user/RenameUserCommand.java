package io.netloom.domain.user;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A person's display name as a provisioning client reports it; no-op if unchanged. */
public record RenameUserCommand(@TargetAggregateIdentifier UserId userId, AccountId accountId, String name) {
}
