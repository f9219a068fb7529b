package io.netloom.server.api;

import io.netloom.api.netbird.RouteRequest;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.RouteId;
import io.netloom.domain.route.Route;
import io.netloom.domain.route.RouteDefinition;
import io.netloom.domain.route.RoutePrefix;
import io.netloom.projections.directory.AccountRecords;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns NetBird's route request into the domain's definition, checking what it names against the account: one
 * translation for /api/routes and for a dry run of a route change (ADR 0035), so that both mean and refuse the same.
 */
public final class RouteDefinitions {

    private RouteDefinitions() {
    }

    /**
     * The route {@code self} (empty for a new one) as the request would make it, refused wherever creating or
     * updating it would be: the request's checks, then the route's own.
     */
    public static RouteDefinition checked(AccountRecords records, ControlPlaneAddresses controlPlane,
            RouteRequest request, Optional<RouteId> self) {
        RouteDefinition definition = from(records, request);
        controlPlane.requireOutside(definition.network(), "network");
        requireNoDuplicate(records, definition, self);
        return Route.validDefinition(definition, records.account().network());
    }

    static RouteDefinition from(AccountRecords records, RouteRequest request) {
        List<String> domains = request.domains() == null ? List.of() : request.domains();
        if (!domains.isEmpty()) {
            throw CommandRejectedException.invalid(request.network() == null
                    ? "domain routes need DNS, not supported yet"
                    : "a route needs exactly one of network and domains");
        }
        if (request.network() == null) {
            throw CommandRejectedException.invalid("a route needs exactly one of network and domains");
        }
        return new RouteDefinition(
                request.description(),
                Required.field(request.networkId(), "network_id"),
                Required.field(request.enabled(), "enabled"),
                existingPeer(records, request.peer()),
                groups(records, request.peerGroups()),
                new RoutePrefix(request.network()),
                Required.field(request.metric(), "metric"),
                Required.field(request.masquerade(), "masquerade"),
                ExistingGroups.require(records, Required.field(request.groups(), "groups")),
                groups(records, request.accessControlGroups()),
                Required.field(request.keepRoute(), "keep_route"),
                Boolean.TRUE.equals(request.skipAutoApply()));
    }

    /** One peer serving the same prefix twice would only shadow itself: NetBird refuses it too. */
    static void requireNoDuplicate(AccountRecords records, RouteDefinition definition, Optional<RouteId> self) {
        if (definition.peer() == null) {
            return;
        }
        records.routesServedBy(definition.peer()).stream()
                .filter(route -> self.isEmpty() || !route.id().equals(self.get()))
                .filter(route -> route.definition().network().equals(definition.network()))
                .findFirst().ifPresent(twin -> {
                    throw CommandRejectedException.conflict("the peer already routes " + definition.network().cidr()
                            + " in route \"" + twin.definition().networkId() + "\"");
                });
    }

    private static PeerId existingPeer(AccountRecords records, String raw) {
        if (raw == null) {
            return null;
        }
        PeerId id = new PeerId(raw);
        if (records.peer(id).isEmpty()) {
            throw CommandRejectedException.invalid("peer " + raw + " does not exist");
        }
        return id;
    }

    private static Set<GroupId> groups(AccountRecords records, List<String> raw) {
        return raw == null ? Set.of() : ExistingGroups.require(records, raw);
    }
}
