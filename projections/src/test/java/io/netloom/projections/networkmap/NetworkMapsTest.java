package io.netloom.projections.networkmap;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyRuleId;
import io.netloom.domain.policy.PolicyRule;
import io.netloom.domain.policy.Protocol;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetworkMapsTest {

    private final TestNetwork network = new TestNetwork();

    @Test
    void deltasSinceWhenPeerMissedChangesThenReturnsJustThoseInOrder() {
        network.enroll("a", null, true);
        network.createPolicy("mesh", true, List.of(meshRule()));
        long seen = network.mapOf("a").serial();
        network.enroll("b", null, true);
        network.enroll("c", null, true);

        List<MapDelta> missed = network.maps().deltasSince(TestNetwork.ACCOUNT, new PeerId("a"), seen).orElseThrow();

        assertThat(missed).extracting(MapDelta::baseSerial).containsExactly(seen, seen + 1);
        NetworkMap rebuilt = missed.get(1).applyTo(missed.get(0).applyTo(heldAt(seen)));
        assertThat(rebuilt).isEqualTo(network.mapOf("a"));
    }

    @Test
    void deltasSinceWhenSerialIsCurrentThenNothingToSend() {
        network.enroll("a", null, true);

        assertThat(network.maps().deltasSince(TestNetwork.ACCOUNT, new PeerId("a"), network.mapOf("a").serial()))
                .contains(List.of());
    }

    @Test
    void deltasSinceWhenSerialFromTheFutureOrTooOldThenFullMapNeeded() {
        network.enroll("a", null, true);
        network.createPolicy("mesh", true, List.of(meshRule()));
        for (int i = 0; i < NetworkMaps.DELTAS_KEPT_PER_PEER + 2; i++) {
            network.enroll("p" + i, null, true);
        }
        long current = network.mapOf("a").serial();

        assertThat(network.maps().deltasSince(TestNetwork.ACCOUNT, new PeerId("a"), current + 1)).isEmpty();
        assertThat(network.maps().deltasSince(TestNetwork.ACCOUNT, new PeerId("a"), 1)).isEmpty();
        assertThat(network.maps().deltasSince(TestNetwork.ACCOUNT, new PeerId("nobody"), 0)).isEmpty();
    }

    @Test
    void changeWhenNothingInAPeersMapChangesThenNoUpdateAndSerialKept() {
        network.createGroup("servers");
        network.enroll("a", null, true);
        network.enroll("lonely", null, true);
        network.createPolicy("mesh", true, List.of(meshRule()));
        long lonelySerial = network.mapOf("lonely").serial();
        int published = network.updates().size();

        network.addToGroup("servers", "a");

        assertThat(network.updates()).hasSize(published);
        assertThat(network.mapOf("lonely").serial()).isEqualTo(lonelySerial);
    }

    @Test
    void changeWhenPeerJoinsThenEveryOtherPeerGetsOnlyTheNewcomer() {
        network.enroll("a", null, true);
        network.enroll("b", null, true);
        network.createPolicy("mesh", true, List.of(meshRule()));
        int published = network.updates().size();

        network.enroll("c", null, true);

        List<PeerMapUpdate> joined = network.updates().subList(published, network.updates().size());
        assertThat(joined).extracting(update -> update.peer().value()).containsExactlyInAnyOrder("a", "b", "c");
        PeerMapUpdate toA = joined.stream().filter(update -> update.peer().value().equals("a")).findFirst().orElseThrow();
        assertThat(toA.delta().config()).isNull();
        assertThat(toA.delta().upsertedPeers()).extracting(RemotePeer::id).containsExactly("c");
        assertThat(toA.delta().upsertedPeers().get(0).publicKey()).isEqualTo(TestNetwork.publicKeyOf("c"));
        assertThat(toA.delta().upsertedPeers().get(0).allowedIp()).isEqualTo("100.64.0.3/32");
        assertThat(toA.delta().upsertedPeers().get(0).fqdn()).isEqualTo("c.netloom.internal");
        assertThat(toA.delta().addedRules()).containsExactly(new InboundRule("100.64.0.3/32", "all", List.of()));
    }

    @Test
    void changeWhenPeerMovesAddressThenObserversSwapItsRules() {
        network.enroll("a", null, true);
        network.enroll("b", null, true);
        network.createPolicy("mesh", true, List.of(meshRule()));

        network.moveAddress("b", "100.64.0.77");

        PeerMapUpdate toA = lastUpdateOf("a");
        assertThat(toA.delta().removedRules()).containsExactly(new InboundRule("100.64.0.2/32", "all", List.of()));
        assertThat(toA.delta().addedRules()).containsExactly(new InboundRule("100.64.0.77/32", "all", List.of()));
        assertThat(network.mapOf("b").config().address()).isEqualTo("100.64.0.77/10");
    }

    private PeerMapUpdate lastUpdateOf(String peer) {
        List<PeerMapUpdate> updates = network.updates();
        for (int i = updates.size() - 1; i >= 0; i--) {
            if (updates.get(i).peer().value().equals(peer)) {
                return updates.get(i);
            }
        }
        throw new AssertionError("no update for " + peer);
    }

    private NetworkMap heldAt(long serial) {
        NetworkMap held = new NetworkMap(0, null, List.of(), List.of());
        for (PeerMapUpdate update : network.updates()) {
            if (update.peer().value().equals("a") && update.delta().serial() <= serial) {
                held = update.delta().applyTo(held);
            }
        }
        return held;
    }

    private static PolicyRule meshRule() {
        return new PolicyRule(new PolicyRuleId("mesh"), "mesh", "", true, true, Protocol.ALL, List.of(),
                Set.of(TestNetwork.ALL), Set.of(TestNetwork.ALL));
    }
}
