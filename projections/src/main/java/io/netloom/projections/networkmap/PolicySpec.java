package io.netloom.projections.networkmap;

import io.netloom.domain.policy.PolicyRule;
import java.util.List;

/** A policy as the network map sees it: only enabled rules of an enabled policy let traffic through. */
public record PolicySpec(boolean enabled, List<PolicyRule> rules) {

    public PolicySpec {
        rules = List.copyOf(rules);
    }

    List<PolicyRule> activeRules() {
        return enabled ? rules.stream().filter(PolicyRule::enabled).toList() : List.of();
    }
}
