package io.netloom.domain.route;

import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.RouteId;
import java.util.Set;

/** A valid route and the pieces tests vary. */
final class TestRoutes {

    static final RouteId ROUTE = new RouteId("route-1");
    static final PeerId ROUTER = new PeerId("peer-1");
    static final GroupId CLIENTS = new GroupId("group-clients");
    static final GroupId ROUTERS = new GroupId("group-routers");
    static final Ipv4Network OVERLAY = Ipv4Network.DEFAULT;

    private TestRoutes() {
    }

    static RouteDefinition toLan(String cidr) {
        return new RouteDefinition("office LAN", "office", true, ROUTER, Set.of(), new RoutePrefix(cidr), 100, true,
                Set.of(CLIENTS), Set.of(), false, false);
    }
}
