package io.netloom.projections.directory;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.policy.PolicyRule;
import java.util.List;

public record PolicyView(
        PolicyId id, AccountId accountId, String name, String description, boolean enabled, List<PolicyRule> rules) {

    public boolean references(GroupId group) {
        return rules.stream().anyMatch(rule -> rule.sources().contains(group) || rule.destinations().contains(group));
    }
}
