package io.netloom.domain.policy;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PolicyId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record PolicyDeletedEvent(PolicyId policyId, AccountId accountId) {
}
