package io.netloom.domain.network;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.netloom.domain.common.AccountScope;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.common.Required;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.NetworkId;
import io.netloom.domain.ids.NetworkResourceId;
import io.netloom.domain.ids.NetworkRouterId;
import io.netloom.domain.route.RoutePrefix;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * One of NetBird's networks: a named place whose resources are reached through its routers (ADR 0030). The
 * network owns its resources and routers, so deleting it takes them along in one event and a
 * resource id of another network is unknown here; the groups and peers they name stay aggregates of their own.
 */
public class Network {

    @AggregateIdentifier
    private NetworkId networkId;
    private AccountId accountId;
    private NetworkDetails details;
    private final Map<NetworkResourceId, ResourceDefinition> resources = new HashMap<>();
    private final Map<NetworkRouterId, RouterDefinition> routers = new HashMap<>();

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

    @CommandHandler
    public void handle(CreateNetworkResourceCommand command) {
        requireSameAccount(command.accountId());
        Required.present(command.resourceId(), "resource");
        if (resources.containsKey(command.resourceId())) {
            throw CommandRejectedException.conflict("resource " + command.resourceId() + " already exists");
        }
        apply(new NetworkResourceCreatedEvent(networkId, accountId, command.resourceId(),
                validResource(command.definition(), command.overlay())));
    }

    @CommandHandler
    public void handle(UpdateNetworkResourceCommand command) {
        requireSameAccount(command.accountId());
        ResourceDefinition current = existingResource(command.resourceId());
        ResourceDefinition changed = validResource(command.definition(), command.overlay());
        if (!changed.equals(current)) {
            apply(new NetworkResourceUpdatedEvent(networkId, accountId, command.resourceId(), changed));
        }
    }

    @CommandHandler
    public void handle(DeleteNetworkResourceCommand command) {
        requireSameAccount(command.accountId());
        existingResource(command.resourceId());
        apply(new NetworkResourceDeletedEvent(networkId, accountId, command.resourceId()));
    }

    @CommandHandler
    public void handle(CreateNetworkRouterCommand command) {
        requireSameAccount(command.accountId());
        Required.present(command.routerId(), "router");
        if (routers.containsKey(command.routerId())) {
            throw CommandRejectedException.conflict("router " + command.routerId() + " already exists");
        }
        RouterDefinition definition = validRouter(command.definition(), command.routerId());
        apply(new NetworkRouterCreatedEvent(networkId, accountId, command.routerId(), definition));
    }

    @CommandHandler
    public void handle(UpdateNetworkRouterCommand command) {
        requireSameAccount(command.accountId());
        RouterDefinition current = existingRouter(command.routerId());
        RouterDefinition changed = validRouter(command.definition(), command.routerId());
        if (!changed.equals(current)) {
            apply(new NetworkRouterUpdatedEvent(networkId, accountId, command.routerId(), changed));
        }
    }

    @CommandHandler
    public void handle(DeleteNetworkRouterCommand command) {
        requireSameAccount(command.accountId());
        existingRouter(command.routerId());
        apply(new NetworkRouterDeletedEvent(networkId, accountId, command.routerId()));
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
    void on(NetworkResourceCreatedEvent event) {
        resources.put(event.resourceId(), event.definition());
    }

    @EventSourcingHandler
    void on(NetworkResourceUpdatedEvent event) {
        resources.put(event.resourceId(), event.definition());
    }

    @EventSourcingHandler
    void on(NetworkResourceDeletedEvent event) {
        resources.remove(event.resourceId());
    }

    @EventSourcingHandler
    void on(NetworkRouterCreatedEvent event) {
        routers.put(event.routerId(), event.definition());
    }

    @EventSourcingHandler
    void on(NetworkRouterUpdatedEvent event) {
        routers.put(event.routerId(), event.definition());
    }

    @EventSourcingHandler
    void on(NetworkRouterDeletedEvent event) {
        routers.remove(event.routerId());
    }

    @EventSourcingHandler
    void on(NetworkDeletedEvent event) {
        markDeleted();
    }

    private void requireSameAccount(AccountId requested) {
        AccountScope.requireSameAccount(accountId, requested, "network");
    }

    private ResourceDefinition existingResource(NetworkResourceId resourceId) {
        ResourceDefinition resource = resourceId == null ? null : resources.get(resourceId);
        if (resource == null) {
            throw CommandRejectedException.notFound("resource not found");
        }
        return resource;
    }

    private RouterDefinition existingRouter(NetworkRouterId routerId) {
        RouterDefinition router = routerId == null ? null : routers.get(routerId);
        if (router == null) {
            throw CommandRejectedException.notFound("router not found");
        }
        return router;
    }

    /**
     * One peer named twice as a router of the same network would only shadow itself, as one peer routing the same
     * prefix twice would (ADR 0029's 409); this aggregate sees all of the network's routers, so it checks here.
     */
    private RouterDefinition validRouter(RouterDefinition definition, NetworkRouterId self) {
        Required.present(definition, "router");
        if (definition.peer() != null) {
            routers.entrySet().stream()
                    .filter(router -> !router.getKey().equals(self))
                    .filter(router -> definition.peer().equals(router.getValue().peer()))
                    .findFirst().ifPresent(twin -> {
                        throw CommandRejectedException.conflict("peer " + definition.peer()
                                + " is already a router of this network");
                    });
        }
        return definition;
    }

    /** As for routes (ADR 0029): a resource inside the overlay would pull peer traffic through a router. */
    private static ResourceDefinition validResource(ResourceDefinition definition, Ipv4Network overlay) {
        Required.present(definition, "resource");
        Required.present(overlay, "overlay network");
        RoutePrefix prefix = definition.address().prefix();
        if (!prefix.isDefaultRoute() && prefix.overlaps(new RoutePrefix(overlay.cidr()))) {
            throw CommandRejectedException.invalid("address " + definition.address().address()
                    + " overlaps the account's overlay network " + overlay.cidr());
        }
        return definition;
    }
}
