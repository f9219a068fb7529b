package io.netloom.domain.setupkey;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.SetupKeyId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteSetupKeyCommand(@TargetAggregateIdentifier SetupKeyId setupKeyId, AccountId accountId) {
}
