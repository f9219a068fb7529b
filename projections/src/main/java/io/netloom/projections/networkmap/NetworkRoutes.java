package io.netloom.projections.networkmap;

import io.netloom.domain.ids.NetworkId;
import io.netloom.domain.ids.NetworkResourceId;
import io.netloom.domain.ids.NetworkRouterId;
import io.netloom.domain.network.ResourceDefinition;
import io.netloom.domain.network.RouterDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One network's resources and routers, compiled onto routes: every resource served by every router. */
final class NetworkRoutes {

    final Map<NetworkResourceId, ResourceDefinition> resources = new LinkedHashMap<>();
    final Map<NetworkRouterId, RouterDefinition> routers = new LinkedHashMap<>();

    List<RouteSpec> specs(NetworkId network) {
        List<RouteSpec> specs = new ArrayList<>(resources.size() * routers.size());
        resources.forEach((id, resource) ->
                routers.values().forEach(router -> specs.add(RouteSpec.of(network, id, resource, router))));
        return specs;
    }
}
