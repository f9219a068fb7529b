package io.netloom.daemon.sync;

import static io.netloom.daemon.map.TestMaps.map;
import static io.netloom.daemon.map.TestMaps.peer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.daemon.DaemonJson;
import io.netloom.testsupport.fuzz.FuzzCampaign;
import io.netloom.testsupport.fuzz.JsonMutations;
import io.netloom.daemon.map.InboundRule;
import io.netloom.daemon.map.MapDelta;
import io.netloom.daemon.map.NetworkMap;
import io.netloom.daemon.map.RemotePeer;
import io.netloom.gateway.protocol.SignedMapEnvelope.Kind;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.PropagationMode;

/**
 * Fuzzes the daemon's map intake with what a gateway, a proxy or the holder of the account key could send: signed
 * maps and deltas whose JSON is mutated and then signed properly (so that the parser and the checks behind the
 * signature are reached), whole messages mutated after signing, and garbage. Whatever arrives, the answer is an
 * outcome — never an exception, which would leave the session's reader — and an input that is not accepted leaves
 * the map held and the serial kept exactly as they were.
 */
@AddLifecycleHook(value = FuzzCampaign.class, propagateTo = PropagationMode.DIRECT_DESCENDANTS)
class VerifiedMapsFuzzTest {

    private static final TestMapSigner ACCOUNT = new TestMapSigner();
    private static final RemotePeer B = peer("b", 2);
    private static final RemotePeer C = peer("c", 3);
    private static final NetworkMap HELD = map(5, List.of(B), List.of(new InboundRule("100.64.0.2/32", "tcp",
            List.of("22", "8000-8080"))));
    private static final List<String> NAMES = List.of("type", "sig", "map", "delta", "serial", "base_serial", "config",
            "address", "fqdn", "dns_domain", "remote_peers", "inbound_rules", "upserted_peers", "removed_peers",
            "added_rules", "removed_rules", "id", "public_key", "allowed_ip", "connected", "source", "protocol", "ports");

    @Property
    void receiveWhenMessageIsAnythingThenAnOutcomeAndRefusalsChangeNothing(@ForAll("messages") String message) {
        List<Long> kept = new ArrayList<>();
        VerifiedMaps maps = new VerifiedMaps(ACCOUNT.trust(), MapFloors.none(),
                floors -> kept.add(floors.floorOf(MapFloors.NO_MODEL)));
        assertThat(maps.receive(ACCOUNT.map(HELD))).isInstanceOf(VerifiedMaps.Accepted.class);

        VerifiedMaps.Outcome outcome = maps.receive(message);
        Statistics.collect(outcome.getClass().getSimpleName());

        if (outcome instanceof VerifiedMaps.Accepted accepted) {
            assertThat(maps.held()).isEqualTo(accepted.map());
            assertThat(accepted.map().serial()).isGreaterThanOrEqualTo(HELD.serial());
            assertThat(TestMapSigner.OVERLAY.problemWith(accepted.map())).isEmpty();
            assertThat(kept).containsExactly(HELD.serial(), accepted.map().serial());
        } else {
            assertThat(outcome).isNotNull();
            assertThat(maps.held()).isEqualTo(HELD);
            assertThat(kept).containsExactly(HELD.serial());
        }
    }

    @Provide
    Arbitrary<String> messages() {
        Arbitrary<JsonNode> maps = Combinators.combine(Arbitraries.longs().between(3, 8), peers(), rules())
                .as((serial, peers, rules) -> DaemonJson.MAPPER.valueToTree(map(serial, peers, rules)));
        Arbitrary<JsonNode> deltas = Combinators.combine(Arbitraries.longs().between(4, 6), peers(), rules(),
                Arbitraries.of(List.<String>of(), List.of("b"), List.of("c", "nobody")))
                .as((base, peers, rules, removed) -> DaemonJson.MAPPER.valueToTree(new MapDelta(base, base + 1, null,
                        peers, removed, rules, HELD.inboundRules())));
        Arbitrary<String> signedMaps = JsonMutations.of(maps, NAMES).map(json -> ACCOUNT.sign(Kind.MAP,
                TestMapSigner.SELF, json));
        Arbitrary<String> signedDeltas = JsonMutations.of(deltas, NAMES).map(json -> ACCOUNT.sign(Kind.DELTA,
                TestMapSigner.SELF, json));
        Arbitrary<JsonNode> envelopes = Arbitraries.oneOf(maps.map(node -> ACCOUNT.map(node)),
                deltas.map(node -> ACCOUNT.delta(node))).map(text -> readTree(text));
        Arbitrary<String> forged = Arbitraries.oneOf(maps, deltas).map(node -> new TestMapSigner().map(node));
        return Arbitraries.frequencyOf(
                Tuple.of(4, signedMaps),
                Tuple.of(4, signedDeltas),
                Tuple.of(3, JsonMutations.of(envelopes, NAMES)),
                Tuple.of(1, forged),
                Tuple.of(1, JsonMutations.garbage()));
    }

    private static Arbitrary<List<RemotePeer>> peers() {
        Arbitrary<RemotePeer> changed = Arbitraries.of("100.64.0.9/32", "100.64.0.9", "192.0.2.9/32", "100.64.0.0/10",
                "::1/128", "junk").map(ip -> new RemotePeer("d", C.publicKey(), ip, "d.netloom.internal", false));
        return Arbitraries.oneOf(Arbitraries.just(B), Arbitraries.just(C), changed).list().ofMaxSize(3);
    }

    private static Arbitrary<List<InboundRule>> rules() {
        return Arbitraries.of(new InboundRule("100.64.0.3/32", "udp", List.of("53")),
                new InboundRule("100.64.0.2/32", "all", List.of())).list().ofMaxSize(2);
    }

    private static JsonNode readTree(String text) {
        try {
            return DaemonJson.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
