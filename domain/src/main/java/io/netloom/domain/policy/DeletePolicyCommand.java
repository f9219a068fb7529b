package io.netloom.domain.policy;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PolicyId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeletePolicyCommand(@TargetAggregateIdentifier PolicyId policyId, AccountId accountId) {
}
