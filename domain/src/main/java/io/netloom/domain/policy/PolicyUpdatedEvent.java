package io.netloom.domain.policy;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PolicyId;
import java.util.List;
import org.axonframework.serialization.Revision;

/** Carries the complete new state, so readers can replace the policy instead of patching it. */
@Revision("1")
public record PolicyUpdatedEvent(
        PolicyId policyId,
        AccountId accountId,
        String name,
        String description,
        boolean enabled,
        List<PolicyRule> rules) {
}
