package io.netloom.projections.networkmap;

import io.netloom.domain.ids.NetworkId;
import io.netloom.domain.ids.NetworkResourceId;
import io.netloom.domain.ids.NetworkRouterId;
import io.netloom.domain.network.ResourceDefinition;
import io.netloom.domain.network.RouterDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One network's resources and routers, compiled onto routes: every resource served by every router. Shared by
 * the live model and the history's plain state, so both compile networks alike.
 */
public final class NetworkRoutes {

    public final Map<NetworkResourceId, ResourceDefinition> resources = new LinkedHashMap<>();
    public final Map<NetworkRouterId, RouterDefinition> routers = new LinkedHashMap<>();

    public List<RouteSpec> specs(NetworkId network) {
        List<RouteSpec> specs = new ArrayList<>(resources.size() * routers.size());
        resources.forEach((id, resource) ->
                routers.values().forEach(router -> specs.add(RouteSpec.of(network, id, resource, router))));
        return specs;
    }

    /** An account's routes as the maps use them: its routes, then each network's resources as served by each router. */
    public static List<RouteSpec> allSpecs(Collection<RouteSpec> routes, Map<NetworkId, NetworkRoutes> networks) {
        List<RouteSpec> specs = new ArrayList<>(routes);
        networks.forEach((id, network) -> specs.addAll(network.specs(id)));
        return specs;
    }
}
