package io.netloom.projections.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.ids.PolicyRuleId;
import io.netloom.domain.ids.RouteId;
import io.netloom.domain.policy.PolicyRule;
import io.netloom.domain.policy.Protocol;
import io.netloom.projections.history.Explanation.DenialCode;
import io.netloom.projections.networkmap.PeerNode;
import io.netloom.projections.networkmap.PolicySpec;
import io.netloom.projections.networkmap.RouteSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client in the route's groups that reaches its routing peer by policy gets it; anyone else is told why not. */
class RouteExplainerTest {

    private static final PeerId CLIENT = new PeerId("client");
    private static final PeerId ROUTER = new PeerId("router");
    private static final PeerId OUTSIDER = new PeerId("outsider");
    private static final GroupId CLIENTS = new GroupId("clients");

    private final AccountState state = new AccountState(Ipv4Network.DEFAULT, "netloom.internal");

    @BeforeEach
    void officeRoutedForClients() {
        GroupId routers = new GroupId("routers");
        state.addGroup(new GroupId("all"), true);
        state.addGroup(CLIENTS, false);
        state.addGroup(routers, false);
        state.addPeer(peer(CLIENT, 1));
        state.addPeer(peer(ROUTER, 2));
        state.addPeer(peer(OUTSIDER, 3));
        state.addToGroup(CLIENTS, Set.of(CLIENT));
        state.addToGroup(routers, Set.of(ROUTER));
        state.putPolicy(new PolicyId("pol"), new PolicySpec(true, List.of(new PolicyRule(new PolicyRuleId("r"),
                "clients to routers", "", true, true, Protocol.ALL, List.of(), Set.of(CLIENTS), Set.of(routers)))));
        state.putRoute(new RouteId("office"), new RouteSpec("office", "office", "10.1.0.0/24",
                true, ROUTER, Set.of(), 100, true, Set.of(CLIENTS), Set.of(), false, false));
    }

    @Test
    void explainWhenClientGotACoveringRouteThenAllowedThroughItsRoutingPeer() {
        Explanation explanation = RouteExplainer.explain(state, CLIENT, "10.1.0.7", new Traffic("tcp", 443),
                Naming.IDS);

        assertThat(explanation.allowed()).isTrue();
        assertThat(explanation.routes()).singleElement().satisfies(route -> {
            assertThat(route.id()).isEqualTo("office");
            assertThat(route.routingPeer()).isEqualTo(ROUTER);
            assertThat(route.resource()).isFalse();
        });
    }

    @Test
    void explainWhenPeerOutsideTheRoutesGroupsThenRouteNotGrantedNamingThem() {
        Explanation explanation = RouteExplainer.explain(state, OUTSIDER, "10.1.0.7", Traffic.ANY, Naming.IDS);

        assertThat(explanation.allowed()).isFalse();
        assertThat(explanation.denials()).singleElement().satisfies(denial -> {
            assertThat(denial.code()).isEqualTo(DenialCode.ROUTE_NOT_GRANTED);
            assertThat(denial.message()).contains("office", "[clients]");
        });
    }

    @Test
    void explainWhenNoRouteCoversTheAddressThenRouteNotGranted() {
        Explanation explanation = RouteExplainer.explain(state, CLIENT, "192.0.2.1", Traffic.ANY, Naming.IDS);

        assertThat(explanation.denials()).singleElement().satisfies(denial -> {
            assertThat(denial.code()).isEqualTo(DenialCode.ROUTE_NOT_GRANTED);
            assertThat(denial.message()).contains("no route");
        });
    }

    private static PeerNode peer(PeerId id, int host) {
        return new PeerNode(id, "key-" + id.value(), "100.64.0." + host, id.value(), null, true, true);
    }
}
