package io.netloom.domain.dns;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.netloom.domain.common.AccountScope;
import io.netloom.domain.common.Required;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.NameserverGroupId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * Upstream resolvers for some peers and some domains. Its own aggregate, like a route: it names groups without
 * owning them, and the checks that span aggregates (groups exist, names are unique) run in the API under the
 * account's lock. The definition validates itself.
 */
public class NameserverGroup {

    @AggregateIdentifier
    private NameserverGroupId nameserverGroupId;
    private AccountId accountId;
    private NameserverGroupDefinition definition;

    public NameserverGroup() {
        // Required by Axon to construct an empty instance before replaying its events.
    }

    @CommandHandler
    public NameserverGroup(CreateNameserverGroupCommand command) {
        Required.present(command.accountId(), "account");
        apply(new NameserverGroupCreatedEvent(command.nameserverGroupId(), command.accountId(),
                Required.present(command.definition(), "nameserver group")));
    }

    @CommandHandler
    public void handle(UpdateNameserverGroupCommand command) {
        AccountScope.requireSameAccount(accountId, command.accountId(), "nameserver group");
        NameserverGroupDefinition changed = Required.present(command.definition(), "nameserver group");
        if (!changed.equals(definition)) {
            apply(new NameserverGroupUpdatedEvent(nameserverGroupId, accountId, changed));
        }
    }

    @CommandHandler
    public void handle(DeleteNameserverGroupCommand command) {
        AccountScope.requireSameAccount(accountId, command.accountId(), "nameserver group");
        apply(new NameserverGroupDeletedEvent(nameserverGroupId, accountId));
    }

    @EventSourcingHandler
    void on(NameserverGroupCreatedEvent event) {
        nameserverGroupId = event.nameserverGroupId();
        accountId = event.accountId();
        definition = event.definition();
    }

    @EventSourcingHandler
    void on(NameserverGroupUpdatedEvent event) {
        definition = event.definition();
    }

    @EventSourcingHandler
    void on(NameserverGroupDeletedEvent event) {
        markDeleted();
    }
}
