package io.netloom.projections.networkmap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The routes sections' wire names, pinned as docs/protocol.md §2b spells them. */
class RouteSectionsJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writeWhenMapHasRoutesSectionsThenProtocolNames() throws Exception {
        NetworkMap map = new NetworkMap(3, new PeerConfig("100.64.0.1/10", "c.netloom.internal", "netloom.internal"),
                List.of(), List.of(),
                List.of(new RouteEntry("route-1", "office", "198.18.1.0/24", "r1", 100, false)),
                List.of(new ServedRoute("route-2", "site", "198.18.2.0/24", true)),
                List.of(new ForwardRule("100.64.0.7/32", "198.18.2.0/24", "tcp", List.of("80"))));

        assertThat(JSON.writeValueAsString(map)).isEqualTo("{\"serial\":3,\"config\":{\"address\":\"100.64.0.1/10\","
                + "\"fqdn\":\"c.netloom.internal\",\"dns_domain\":\"netloom.internal\",\"dns_management\":true},"
                + "\"remote_peers\":[],"
                + "\"inbound_rules\":[],\"routes\":[{\"id\":\"route-1\",\"network_id\":\"office\","
                + "\"network\":\"198.18.1.0/24\",\"peer\":\"r1\",\"metric\":100,\"skip_auto_apply\":false}],"
                + "\"served_routes\":[{\"id\":\"route-2\",\"network_id\":\"site\",\"network\":\"198.18.2.0/24\","
                + "\"masquerade\":true}],\"forward_rules\":[{\"source\":\"100.64.0.7/32\","
                + "\"destination\":\"198.18.2.0/24\",\"protocol\":\"tcp\",\"ports\":[\"80\"]}],"
                + "\"nameserver_groups\":[],\"dns_zones\":[],\"dns_records\":[]}");
    }

    @Test
    void writeWhenDeltaThenAddedAndRemovedSectionsNamedAsProtocol() throws Exception {
        String json = JSON.writeValueAsString(new MapDelta(1, 2, null, List.of(), List.of(), List.of(), List.of()));

        assertThat(JSON.readTree(json).fieldNames()).toIterable().contains("added_routes", "removed_routes",
                "added_served_routes", "removed_served_routes", "added_forward_rules", "removed_forward_rules");
    }
}
