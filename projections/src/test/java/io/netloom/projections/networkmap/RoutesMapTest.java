package io.netloom.projections.networkmap;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyRuleId;
import io.netloom.domain.network.ResourceAddress;
import io.netloom.domain.network.ResourceDefinition;
import io.netloom.domain.network.RouterDefinition;
import io.netloom.domain.policy.PolicyRule;
import io.netloom.domain.policy.PortRange;
import io.netloom.domain.policy.Protocol;
import io.netloom.domain.route.RouteDefinition;
import io.netloom.domain.route.RoutePrefix;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The routes sections of docs/protocol.md §2b, built from events through the projection; every test also checks
 * that the incremental maps equal the calculator's. Peers: c (100.64.0.1, a developer), x (100.64.0.2, not a
 * developer), r1 and r2 (100.64.0.3 and .4, routing peers of the office LAN).
 */
class RoutesMapTest {

    private static final String LAN = "198.18.1.0/24";
    private static final String C = "100.64.0.1/32";

    private final TestNetwork network = new TestNetwork();

    @BeforeEach
    void topology() {
        for (String peer : List.of("c", "x", "r1", "r2")) {
            network.enroll(peer, "owner-" + peer, true);
        }
        network.createGroup("devs");
        network.createGroup("routers");
        network.createGroup("web");
        network.addToGroup("devs", "c");
        network.addToGroup("routers", "r1", "r2");
        network.createPolicy("to-routers", true, List.of(rule("to-routers", Protocol.ALL, List.of(), "all", "routers")));
    }

    @Test
    void routesWhenClientInGroupsAndConnectedToRoutingPeerThenEntryServedRouteAndForwardRule() {
        network.createRoute("office", route(peer("r1"), Set.of(), LAN, Set.of()));

        assertThat(network.mapOf("c").routes())
                .containsExactly(new RouteEntry("office", "office", LAN, "r1", 100, false));
        assertThat(network.mapOf("x").routes()).as("not in the route's groups").isEmpty();
        assertThat(network.mapOf("r1").servedRoutes()).containsExactly(new ServedRoute("office", "office", LAN, true));
        assertThat(network.mapOf("r1").forwardRules()).containsExactly(new ForwardRule(C, LAN, "all", List.of()));
        assertThat(network.mapOf("r1").routes()).as("a routing peer never routes through itself").isEmpty();
        assertAgreesWithCalculator();
    }

    @Test
    void routesWhenNoPolicyConnectsClientToRoutingPeerThenNoEntryAndNoForwardRule() {
        network.deletePolicy("to-routers");
        network.createRoute("office", route(peer("r1"), Set.of(), LAN, Set.of()));

        assertThat(network.mapOf("c").routes()).isEmpty();
        assertThat(network.mapOf("r1").servedRoutes()).as("served while active, clients or not").hasSize(1);
        assertThat(network.mapOf("r1").forwardRules()).isEmpty();
        assertAgreesWithCalculator();
    }

    @Test
    void routesWhenAccessControlGroupsThenOnlySourcesOfMatchingPolicyWithItsPorts() {
        network.createPolicy("web", true, List.of(
                rule("web-80", Protocol.TCP, List.of(new PortRange(80, 80)), "devs", "web"),
                rule("web-dns", Protocol.UDP, List.of(new PortRange(53, 53)), "devs", "web")));
        network.addToGroup("devs", "x");
        network.createRoute("office", route(peer("r1"), Set.of(), LAN, Set.of(groupId("web"))));
        network.removeFromGroup("devs", "x");

        assertThat(network.mapOf("c").routes()).extracting(RouteEntry::peer).containsExactly("r1");
        assertThat(network.mapOf("r1").forwardRules()).containsExactly(
                new ForwardRule(C, LAN, "tcp", List.of("80")), new ForwardRule(C, LAN, "udp", List.of("53")));
        assertAgreesWithCalculator();
    }

    @Test
    void routesWhenAccessControlGroupsWithoutMatchingPolicyThenNoEntry() {
        network.createRoute("office", route(peer("r1"), Set.of(), LAN, Set.of(groupId("web"))));

        assertThat(network.mapOf("c").routes()).isEmpty();
        assertThat(network.mapOf("r1").forwardRules()).isEmpty();
        assertAgreesWithCalculator();
    }

    @Test
    void routesWhenPeerGroupsRouteThenOneEntryPerRoutingPeerAndRoutersSkipTheirOwnNetwork() {
        network.createRoute("office", route(null, Set.of(groupId("routers")), LAN, Set.of(), "all", true));

        assertThat(network.mapOf("c").routes()).extracting(RouteEntry::peer).containsExactly("r1", "r2");
        assertThat(network.mapOf("r1").routes()).as("same highly available route as its own").isEmpty();
        assertThat(network.mapOf("r2").forwardRules()).contains(new ForwardRule(C, LAN, "all", List.of()));
        assertAgreesWithCalculator();
    }

    @Test
    void routesWhenExitNodeWithSkipAutoApplyThenOrdinaryEntryMarkedForTheUser() {
        RouteDefinition exit = new RouteDefinition("", "exit", true, peer("r1"), Set.of(), new RoutePrefix("0.0.0.0/0"),
                50, true, Set.of(groupId("devs")), Set.of(), false, true);
        network.createRoute("exit", exit);

        assertThat(network.mapOf("c").routes())
                .containsExactly(new RouteEntry("exit", "exit", "0.0.0.0/0", "r1", 50, true));
        assertThat(network.mapOf("r1").forwardRules()).containsExactly(new ForwardRule(C, "0.0.0.0/0", "all", List.of()));
        assertAgreesWithCalculator();
    }

    @Test
    void routesWhenRouteDisabledThenNothingServedOrReceived() {
        network.createRoute("office", route(peer("r1"), Set.of(), LAN, Set.of()));
        RouteDefinition enabled = route(peer("r1"), Set.of(), LAN, Set.of());
        network.updateRoute("office", new RouteDefinition("", "office", false, peer("r1"), Set.of(),
                new RoutePrefix(LAN), 100, true, enabled.groups(), Set.of(), false, false));

        assertNoRoutesAnywhere();
        assertAgreesWithCalculator();
    }

    @Test
    void routesWhenRoutingPeerBlockedThenEntriesGoneAndBackOnUnblock() {
        network.createRoute("office", route(peer("r1"), Set.of(), LAN, Set.of()));

        network.blockUser("owner-r1");
        assertNoRoutesAnywhere();
        assertAgreesWithCalculator();

        network.unblockUser("owner-r1");
        assertThat(network.mapOf("c").routes()).hasSize(1);
        assertAgreesWithCalculator();
    }

    @Test
    void routesWhenRoutingPeerDeletedThenNoGhostRouteAndDeltaWithdrawsIt() {
        network.createRoute("office", route(peer("r1"), Set.of(), LAN, Set.of()));
        int before = network.updates().size();

        network.deletePeer("r1");

        assertThat(network.mapOf("c").routes()).isEmpty();
        assertThat(network.updates().subList(before, network.updates().size()))
                .filteredOn(update -> update.peer().equals(peer("c")))
                .singleElement()
                .satisfies(update -> assertThat(update.delta().removedRoutes())
                        .containsExactly(new RouteEntry("office", "office", LAN, "r1", 100, false)));
        assertAgreesWithCalculator();
    }

    @Test
    void routesWhenClientRemovedFromGroupsThenEntryAndForwardRuleWithdrawn() {
        network.createRoute("office", route(peer("r1"), Set.of(), LAN, Set.of()));

        network.removeFromGroup("devs", "c");

        assertNoRoutesExceptServed();
        assertAgreesWithCalculator();
    }

    @Test
    void routesWhenBothSitesServeAndReceiveThenForwardRulesKeepSiteSources() {
        String otherLan = "198.18.2.0/24";
        network.addToGroup("devs", "r1", "r2");
        network.createRoute("site-a", route(peer("r1"), Set.of(), LAN, Set.of(), "devs", false));
        network.createRoute("site-b", new RouteDefinition("", "site-b", true, peer("r2"), Set.of(),
                new RoutePrefix(otherLan), 100, false, Set.of(groupId("devs")), Set.of(), false, false));

        assertThat(network.mapOf("r1").routes()).extracting(RouteEntry::network).containsExactly(otherLan);
        assertThat(network.mapOf("r1").forwardRules()).contains(
                new ForwardRule("100.64.0.4/32", LAN, "all", List.of()), new ForwardRule(otherLan, LAN, "all", List.of()));
        assertThat(network.mapOf("r2").forwardRules()).contains(new ForwardRule(LAN, otherLan, "all", List.of()));
        assertAgreesWithCalculator();
    }

    @Test
    void routesWhenNetworkResourceWithoutPolicyThenDefaultDeny() {
        network.createResource("net", "res", resource(true));
        network.createRouter("net", "router", new RouterDefinition(peer("r1"), Set.of(), 100, true, true));

        assertThat(network.mapOf("c").routes()).isEmpty();
        assertThat(network.mapOf("r1").servedRoutes()).containsExactly(new ServedRoute("res", "net", LAN, true));
        assertThat(network.mapOf("r1").forwardRules()).isEmpty();
        assertAgreesWithCalculator();
    }

    @Test
    void routesWhenPolicyTargetsResourceThenSourcesReachItAndRouterBecomesRemotePeer() {
        network.deletePolicy("to-routers");
        network.createPolicy("to-web", true, List.of(
                rule("to-web", Protocol.TCP, List.of(new PortRange(443, 443)), "devs", "web")));
        network.createResource("net", "res", resource(true));
        network.createRouter("net", "router", new RouterDefinition(peer("r1"), Set.of(), 100, true, true));

        NetworkMap client = network.mapOf("c");
        assertThat(client.routes()).containsExactly(new RouteEntry("res", "net", LAN, "r1", 100, false));
        assertThat(client.remotePeers()).extracting(RemotePeer::id).containsExactly("r1");
        assertThat(client.inboundRules()).as("forwarding needs no inbound rule").isEmpty();
        assertThat(network.mapOf("r1").remotePeers()).extracting(RemotePeer::id).containsExactly("c");
        assertThat(network.mapOf("r1").forwardRules()).containsExactly(new ForwardRule(C, LAN, "tcp", List.of("443")));
        assertThat(network.maps().canReach(TestNetwork.ACCOUNT, peer("c"), peer("r1"))).isTrue();
        assertThat(network.mapOf("x").routes()).isEmpty();
        assertAgreesWithCalculator();

        network.updateRouter("net", "router", new RouterDefinition(peer("r1"), Set.of(), 100, true, false));
        assertNoRoutesAnywhere();
        assertThat(network.mapOf("c").remotePeers()).as("the resource's link goes with it").isEmpty();
        assertAgreesWithCalculator();
    }

    @Test
    void routesWhenResourceLinkAndPolicyBothConnectThenRemoveOneKeepsThePeer() {
        network.createPolicy("to-web", true, List.of(rule("to-web", Protocol.ALL, List.of(), "devs", "web")));
        network.createResource("net", "res", resource(true));
        network.createRouter("net", "router", new RouterDefinition(peer("r1"), Set.of(), 100, true, true));

        network.deleteNetwork("net");

        assertThat(network.mapOf("c").remotePeers()).extracting(RemotePeer::id).contains("r1");
        assertNoRoutesAnywhere();
        assertAgreesWithCalculator();
    }

    private void assertNoRoutesAnywhere() {
        for (String peer : List.of("c", "x", "r1", "r2")) {
            NetworkMap map = network.mapOf(peer);
            assertThat(map.routes()).as("routes of %s", peer).isEmpty();
            assertThat(map.servedRoutes()).as("served routes of %s", peer).isEmpty();
            assertThat(map.forwardRules()).as("forward rules of %s", peer).isEmpty();
        }
    }

    private void assertNoRoutesExceptServed() {
        for (String peer : List.of("c", "x", "r1", "r2")) {
            assertThat(network.mapOf(peer).routes()).as("routes of %s", peer).isEmpty();
            assertThat(network.mapOf(peer).forwardRules()).as("forward rules of %s", peer).isEmpty();
        }
    }

    /** The incremental maps equal the calculator's, and the published deltas rebuild them. */
    private void assertAgreesWithCalculator() {
        Map<PeerId, NetworkMap> recomputed = NetworkMapCalculator.allMaps(network.snapshot());
        for (Map.Entry<PeerId, NetworkMap> entry : recomputed.entrySet()) {
            NetworkMap incremental = network.mapOf(entry.getKey().value());
            assertThat(incremental.withSerial(0)).as("map of %s", entry.getKey()).isEqualTo(entry.getValue());
            assertThat(NetworkMapCalculator.mapOf(network.snapshot(), entry.getKey())).isEqualTo(entry.getValue());
            NetworkMap rebuilt = new NetworkMap(0, null, List.of(), List.of());
            for (PeerMapUpdate update : network.updates()) {
                if (update.peer().equals(entry.getKey())) {
                    rebuilt = update.delta().applyTo(rebuilt);
                }
            }
            assertThat(rebuilt).as("deltas rebuild map of %s", entry.getKey()).isEqualTo(incremental);
        }
    }

    private static RouteDefinition route(PeerId peer, Set<GroupId> peerGroups, String prefix, Set<GroupId> acg) {
        return route(peer, peerGroups, prefix, acg, "devs", true);
    }

    private static RouteDefinition route(PeerId peer, Set<GroupId> peerGroups, String prefix, Set<GroupId> acg,
            String groups, boolean masquerade) {
        return new RouteDefinition("", "office", true, peer, peerGroups, new RoutePrefix(prefix), 100, masquerade,
                Set.of(groupId(groups)), acg, false, false);
    }

    private static ResourceDefinition resource(boolean enabled) {
        return new ResourceDefinition("office", "", ResourceAddress.parse(LAN), Set.of(groupId("web")), enabled);
    }

    private static PolicyRule rule(String name, Protocol protocol, List<PortRange> ports, String from, String to) {
        return new PolicyRule(new PolicyRuleId(name), name, "", true, false, protocol, ports, Set.of(groupId(from)),
                Set.of(groupId(to)));
    }

    private static GroupId groupId(String name) {
        return TestNetwork.groupId(name);
    }

    private static PeerId peer(String name) {
        return TestNetwork.peerId(name);
    }
}
