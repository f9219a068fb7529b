package io.netloom.server.api;

import io.netloom.api.netbird.PolicyRequest;
import io.netloom.api.netbird.PolicyRuleUpdate;
import io.netloom.api.netbird.RulePortRange;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.Names;
import io.netloom.domain.ids.PolicyRuleId;
import io.netloom.domain.policy.Policy;
import io.netloom.domain.policy.PolicyRule;
import io.netloom.domain.policy.PortRange;
import io.netloom.domain.policy.Protocol;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.PolicyView;
import io.netloom.projections.networkmap.PolicySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * NetBird's policy request in the domain's terms, checked against the caller's account: one translation for
 * /api/policies and for a dry run of a policy change (ADR 0035), so that both mean and refuse the same.
 */
public final class PolicyRules {

    private PolicyRules() {
    }

    /**
     * The policy as the maps would see it, refused wherever creating or updating it would be: the request's
     * checks, then the policy's own.
     */
    public static PolicySpec spec(AccountRecords records, PolicyRequest request, Optional<PolicyView> existing) {
        String name = Required.field(request.name(), "name");
        String description = description(request.description());
        boolean enabled = Required.field(request.enabled(), "enabled");
        List<PolicyRule> rules = from(records, request, existing);
        Names.requireValid(name, "policy name");
        Policy.validDescription(description);
        return new PolicySpec(enabled, Policy.validRules(rules));
    }

    /**
     * The request's rules, each checked against the account; a rule keeps its id when it names one of
     * {@code existing}'s rules.
     */
    public static List<PolicyRule> from(
            AccountRecords records, PolicyRequest request, Optional<PolicyView> existing) {
        List<PolicyRuleUpdate> requested = Required.field(request.rules(), "rules");
        if (request.sourcePostureChecks() != null && !request.sourcePostureChecks().isEmpty()) {
            // Ignoring them would grant access the caller meant to make conditional.
            throw CommandRejectedException.invalid("posture checks are not supported yet");
        }
        List<PolicyRule> rules = new ArrayList<>();
        for (PolicyRuleUpdate rule : requested) {
            if (!PoliciesController.ACCEPT.equals(Required.field(rule.action(), "rules[].action"))) {
                throw CommandRejectedException.invalid("only \"accept\" rules are supported: access is denied by default");
            }
            if (rule.sourceResource() != null || rule.destinationResource() != null) {
                throw CommandRejectedException.invalid("network resources in rules are not supported yet");
            }
            rules.add(new PolicyRule(
                    ruleId(rule, existing),
                    Required.field(rule.name(), "rules[].name"),
                    description(rule.description()),
                    Required.field(rule.enabled(), "rules[].enabled"),
                    Required.field(rule.bidirectional(), "rules[].bidirectional"),
                    Protocol.fromWireName(Required.field(rule.protocol(), "rules[].protocol")),
                    ports(rule),
                    ExistingGroups.require(records, Required.field(rule.sources(), "rules[].sources")),
                    ExistingGroups.require(records, Required.field(rule.destinations(), "rules[].destinations"))));
        }
        return rules;
    }

    /** A rule keeps its id across updates when the request names one the policy already has. */
    private static PolicyRuleId ruleId(PolicyRuleUpdate rule, Optional<PolicyView> existing) {
        if (rule.id() == null || existing.isEmpty()) {
            return PolicyRuleId.random();
        }
        PolicyRuleId requested = new PolicyRuleId(rule.id());
        boolean known = existing.get().rules().stream().anyMatch(current -> current.id().equals(requested));
        return known ? requested : PolicyRuleId.random();
    }

    private static List<PortRange> ports(PolicyRuleUpdate rule) {
        List<String> ports = rule.ports() == null ? List.of() : rule.ports();
        List<RulePortRange> ranges = rule.portRanges() == null ? List.of() : rule.portRanges();
        if (!ports.isEmpty() && !ranges.isEmpty()) {
            throw CommandRejectedException.invalid("ports and port_ranges are mutually exclusive");
        }
        List<PortRange> result = new ArrayList<>();
        for (String port : ports) {
            int number = parsePort(port);
            result.add(new PortRange(number, number));
        }
        for (RulePortRange range : ranges) {
            result.add(new PortRange(Required.field(range.start(), "port_ranges[].start"),
                    Required.field(range.end(), "port_ranges[].end")));
        }
        return result;
    }

    private static int parsePort(String port) {
        try {
            return Integer.parseInt(port.trim());
        } catch (NumberFormatException notNumber) {
            throw CommandRejectedException.invalid("port \"" + port + "\" is not a number");
        }
    }

    static String description(String description) {
        return description == null ? "" : description;
    }
}
