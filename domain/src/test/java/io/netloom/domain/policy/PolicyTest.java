package io.netloom.domain.policy;

import static io.netloom.domain.Rejections.reason;
import static io.netloom.domain.TestData.ACCOUNT;
import static io.netloom.domain.TestData.OTHER_ACCOUNT;
import static io.netloom.domain.common.RejectionReason.INVALID_ARGUMENT;
import static io.netloom.domain.common.RejectionReason.NOT_FOUND;
import static io.netloom.domain.policy.TestPolicies.DESCRIPTION;
import static io.netloom.domain.policy.TestPolicies.NAME;
import static io.netloom.domain.policy.TestPolicies.OTHER_RULE;
import static io.netloom.domain.policy.TestPolicies.POLICY;
import static io.netloom.domain.policy.TestPolicies.RULE;
import static io.netloom.domain.policy.TestPolicies.allTrafficRule;
import static io.netloom.domain.policy.TestPolicies.create;
import static io.netloom.domain.policy.TestPolicies.created;
import static io.netloom.domain.policy.TestPolicies.sshRule;
import static io.netloom.domain.policy.TestPolicies.update;
import static io.netloom.domain.policy.TestPolicies.updated;

import io.netloom.domain.common.CommandRejectedException;
import java.util.List;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PolicyTest {

    private FixtureConfiguration<Policy> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Policy.class);
    }

    @Test
    void createPolicyWhenValidThenPolicyCreated() {
        fixture.givenNoPriorActivity()
                .when(create(List.of(sshRule())))
                .expectEvents(created());
    }

    @Test
    void createPolicyWhenDescriptionAbsentThenEmpty() {
        fixture.givenNoPriorActivity()
                .when(new CreatePolicyCommand(POLICY, ACCOUNT, " " + NAME, null, false, List.of(sshRule())))
                .expectEvents(new PolicyCreatedEvent(POLICY, ACCOUNT, NAME, "", false, List.of(sshRule())));
    }

    @Test
    void createPolicyWhenNoRulesThenRejected() {
        fixture.givenNoPriorActivity()
                .when(create(List.of()))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("a policy needs at least one rule")
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void createPolicyWhenRulesAbsentThenRejected() {
        fixture.givenNoPriorActivity()
                .when(create(null))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("a policy needs at least one rule");
    }

    @Test
    void createPolicyWhenRuleIdsRepeatedThenRejected() {
        fixture.givenNoPriorActivity()
                .when(create(List.of(sshRule(), allTrafficRule(RULE))))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("rule ids must be unique within a policy")
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void createPolicyWhenNameBlankThenRejected() {
        fixture.givenNoPriorActivity()
                .when(new CreatePolicyCommand(POLICY, ACCOUNT, "", DESCRIPTION, true, List.of(sshRule())))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("policy name must not be empty");
    }

    @Test
    void createPolicyWhenDescriptionTooLongThenRejected() {
        fixture.givenNoPriorActivity()
                .when(new CreatePolicyCommand(POLICY, ACCOUNT, NAME, "d".repeat(1025), true, List.of(sshRule())))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("policy description must be at most 1024 characters");
    }

    @Test
    void updatePolicyWhenUnchangedThenNoEvents() {
        fixture.given(created())
                .when(update(true, List.of(sshRule())))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void updatePolicyWhenDisabledThenPolicyUpdatedWithFullState() {
        fixture.given(created())
                .when(update(false, List.of(sshRule())))
                .expectEvents(updated(false, List.of(sshRule())));
    }

    @Test
    void updatePolicyWhenRuleAddedThenPolicyUpdated() {
        List<PolicyRule> rules = List.of(sshRule(), allTrafficRule(OTHER_RULE));
        fixture.given(created())
                .when(update(true, rules))
                .expectEvents(updated(true, rules));
    }

    @Test
    void updatePolicyWhenRenamedThenPolicyUpdated() {
        fixture.given(created())
                .when(new UpdatePolicyCommand(POLICY, ACCOUNT, "renamed", DESCRIPTION, true, List.of(sshRule())))
                .expectEvents(new PolicyUpdatedEvent(POLICY, ACCOUNT, "renamed", DESCRIPTION, true,
                        List.of(sshRule())));
    }

    @Test
    void updatePolicyWhenSameAsLastUpdateThenNoEvents() {
        fixture.given(created(), updated(false, List.of(sshRule())))
                .when(update(false, List.of(sshRule())))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void updatePolicyWhenNoRulesThenRejected() {
        fixture.given(created())
                .when(update(true, List.of()))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("a policy needs at least one rule")
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void updatePolicyWhenOtherAccountThenNotFound() {
        fixture.given(created())
                .when(new UpdatePolicyCommand(POLICY, OTHER_ACCOUNT, NAME, DESCRIPTION, false, List.of(sshRule())))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("policy not found")
                .expectException(reason(NOT_FOUND));
    }

    @Test
    void updatePolicyWhenDeletedThenFails() {
        fixture.given(created(), new PolicyDeletedEvent(POLICY, ACCOUNT))
                .when(update(false, List.of(sshRule())))
                .expectException(AggregateDeletedException.class);
    }

    @Test
    void deletePolicyWhenExistsThenPolicyDeleted() {
        fixture.given(created())
                .when(new DeletePolicyCommand(POLICY, ACCOUNT))
                .expectEvents(new PolicyDeletedEvent(POLICY, ACCOUNT))
                .expectMarkedDeleted();
    }

    @Test
    void deletePolicyWhenOtherAccountThenNotFound() {
        fixture.given(created())
                .when(new DeletePolicyCommand(POLICY, OTHER_ACCOUNT))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("policy not found")
                .expectException(reason(NOT_FOUND));
    }

    @Test
    void deletePolicyWhenAlreadyDeletedThenFails() {
        fixture.given(created(), new PolicyDeletedEvent(POLICY, ACCOUNT))
                .when(new DeletePolicyCommand(POLICY, ACCOUNT))
                .expectException(AggregateDeletedException.class);
    }
}
