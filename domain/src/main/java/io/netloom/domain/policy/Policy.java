package io.netloom.domain.policy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.netloom.domain.common.AccountScope;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.Names;
import io.netloom.domain.common.Required;
import io.netloom.domain.common.Texts;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PolicyId;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** A named set of rules deciding which groups of peers may reach each other. */
public class Policy {

    @AggregateIdentifier
    private PolicyId policyId;
    private AccountId accountId;
    private String name;
    private String description;
    private boolean enabled;
    private List<PolicyRule> rules;

    public Policy() {
        // Required by Axon to construct an empty instance before replaying its events.
    }

    @CommandHandler
    public Policy(CreatePolicyCommand command) {
        Required.present(command.accountId(), "account");
        apply(new PolicyCreatedEvent(command.policyId(), command.accountId(),
                Names.requireValid(command.name(), "policy name"), validDescription(command.description()),
                command.enabled(), validRules(command.rules())));
    }

    @CommandHandler
    public void handle(UpdatePolicyCommand command) {
        requireSameAccount(command.accountId());
        String newName = Names.requireValid(command.name(), "policy name");
        String newDescription = validDescription(command.description());
        List<PolicyRule> newRules = validRules(command.rules());
        boolean unchanged = newName.equals(name) && newDescription.equals(description)
                && command.enabled() == enabled && newRules.equals(rules);
        if (!unchanged) {
            apply(new PolicyUpdatedEvent(policyId, accountId, newName, newDescription, command.enabled(), newRules));
        }
    }

    @CommandHandler
    public void handle(DeletePolicyCommand command) {
        requireSameAccount(command.accountId());
        apply(new PolicyDeletedEvent(policyId, accountId));
    }

    @EventSourcingHandler
    void on(PolicyCreatedEvent event) {
        policyId = event.policyId();
        accountId = event.accountId();
        name = event.name();
        description = event.description();
        enabled = event.enabled();
        rules = event.rules();
    }

    @EventSourcingHandler
    void on(PolicyUpdatedEvent event) {
        name = event.name();
        description = event.description();
        enabled = event.enabled();
        rules = event.rules();
    }

    @EventSourcingHandler
    void on(PolicyDeletedEvent event) {
        markDeleted();
    }

    private void requireSameAccount(AccountId requested) {
        AccountScope.requireSameAccount(accountId, requested, "policy");
    }

    /** Also checked by a dry run (ADR 0035), so that it refuses what the policy would. */
    public static String validDescription(String description) {
        return Texts.optional(description, "policy description", PolicyRule.MAX_DESCRIPTION_LENGTH);
    }

    /** Also checked by a dry run (ADR 0035), so that it refuses what the policy would. */
    public static List<PolicyRule> validRules(List<PolicyRule> rules) {
        if (rules == null || rules.isEmpty()) {
            throw CommandRejectedException.invalid("a policy needs at least one rule");
        }
        if (rules.stream().anyMatch(Objects::isNull)) {
            throw CommandRejectedException.invalid("policy rules must not contain empty entries");
        }
        if (rules.stream().map(PolicyRule::id).distinct().count() != rules.size()) {
            throw CommandRejectedException.invalid("rule ids must be unique within a policy");
        }
        return List.copyOf(rules);
    }
}
