package io.netloom.domain.policy;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PolicyId;
import java.util.List;
import org.axonframework.serialization.Revision;

@Revision("1")
public record PolicyCreatedEvent(
        PolicyId policyId,
        AccountId accountId,
        String name,
        String description,
        boolean enabled,
        List<PolicyRule> rules) {
}
