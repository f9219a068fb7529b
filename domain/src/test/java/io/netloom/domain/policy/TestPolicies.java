package io.netloom.domain.policy;

import static io.netloom.domain.TestData.ACCOUNT;

import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.ids.PolicyRuleId;
import java.util.List;
import java.util.Set;

final class TestPolicies {

    static final PolicyId POLICY = new PolicyId("policy-1");
    static final String NAME = "devs to servers";
    static final String DESCRIPTION = "developers may ssh into servers";
    static final PolicyRuleId RULE = new PolicyRuleId("rule-1");
    static final PolicyRuleId OTHER_RULE = new PolicyRuleId("rule-2");
    static final GroupId DEVS = new GroupId("group-devs");
    static final GroupId SERVERS = new GroupId("group-servers");

    private TestPolicies() {
    }

    /** SSH from developers to servers. */
    static PolicyRule sshRule() {
        return new PolicyRule(RULE, "ssh", "", true, false, Protocol.TCP, List.of(new PortRange(22, 22)),
                Set.of(DEVS), Set.of(SERVERS));
    }

    /** Any traffic between developers and servers, both ways. */
    static PolicyRule allTrafficRule(PolicyRuleId id) {
        return new PolicyRule(id, "all", "", true, true, Protocol.ALL, List.of(), Set.of(DEVS), Set.of(SERVERS));
    }

    static CreatePolicyCommand create(List<PolicyRule> rules) {
        return new CreatePolicyCommand(POLICY, ACCOUNT, NAME, DESCRIPTION, true, rules);
    }

    static PolicyCreatedEvent created() {
        return new PolicyCreatedEvent(POLICY, ACCOUNT, NAME, DESCRIPTION, true, List.of(sshRule()));
    }

    static UpdatePolicyCommand update(boolean enabled, List<PolicyRule> rules) {
        return new UpdatePolicyCommand(POLICY, ACCOUNT, NAME, DESCRIPTION, enabled, rules);
    }

    static PolicyUpdatedEvent updated(boolean enabled, List<PolicyRule> rules) {
        return new PolicyUpdatedEvent(POLICY, ACCOUNT, NAME, DESCRIPTION, enabled, rules);
    }
}
