package io.netloom.domain.network;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.netloom.domain.common.AccountScope;
import io.netloom.domain.common.Required;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.NetworkId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * One of NetBird's networks: a named place whose resources are reached through its routers (ADR 0030). The
 * network is the consistency boundary its resources and routers will join, so that deleting it takes them along
 * in one step; the groups and peers they name stay aggregates of their own.
 */
public class Network {

    @AggregateIdentifier
    private NetworkId networkId;
    private AccountId accountId;
    private NetworkDetails details;

    public Network() {
        // Required by Axon to construct an empty instance before replaying its events.
    }

    @CommandHandler
    public Network(CreateNetworkCommand command) {
        Required.present(command.accountId(), "account");
        apply(new NetworkCreatedEvent(command.networkId(), command.accountId(),
                Required.present(command.details(), "network")));
    }

    @CommandHandler
    public void handle(UpdateNetworkCommand command) {
        requireSameAccount(command.accountId());
        NetworkDetails changed = Required.present(command.details(), "network");
        if (!changed.equals(details)) {
            apply(new NetworkUpdatedEvent(networkId, accountId, changed));
        }
    }

    @CommandHandler
    public void handle(DeleteNetworkCommand command) {
        requireSameAccount(command.accountId());
        apply(new NetworkDeletedEvent(networkId, accountId));
    }

    @EventSourcingHandler
    void on(NetworkCreatedEvent event) {
        networkId = event.networkId();
        accountId = event.accountId();
        details = event.details();
    }

    @EventSourcingHandler
    void on(NetworkUpdatedEvent event) {
        details = event.details();
    }

    @EventSourcingHandler
    void on(NetworkDeletedEvent event) {
        markDeleted();
    }

    private void requireSameAccount(AccountId requested) {
        AccountScope.requireSameAccount(accountId, requested, "network");
    }
}
