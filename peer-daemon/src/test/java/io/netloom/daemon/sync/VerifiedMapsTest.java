package io.netloom.daemon.sync;

import static io.netloom.daemon.map.TestMaps.map;
import static io.netloom.daemon.map.TestMaps.peer;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.map.InboundRule;
import io.netloom.daemon.map.MapDelta;
import io.netloom.daemon.map.NetworkMap;
import io.netloom.daemon.map.RemotePeer;
import io.netloom.gateway.protocol.SignedMapEnvelope;
import io.netloom.gateway.protocol.SignedMapEnvelope.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerifiedMapsTest {

    private final TestMapSigner account = new TestMapSigner();
    private final List<Long> kept = new ArrayList<>();
    private final VerifiedMaps maps = new VerifiedMaps(account.trust(), MapFloors.none(),
            floors -> kept.add(floors.floorOf(MapFloors.NO_MODEL)));
    private final RemotePeer b = peer("b", 2);
    private final RemotePeer c = peer("c", 3);
    private final NetworkMap first = map(5, List.of(b), List.of());

    @Test
    void receiveWhenSignedMapThenSignedDeltasThenAppliedInOrderAndSerialsKept() {
        MapDelta addC = delta(5, 6, List.of(c));

        assertThat(maps.receive(account.map(first))).isEqualTo(new VerifiedMaps.Accepted(first));
        VerifiedMaps.Outcome next = maps.receive(account.delta(addC));

        assertThat(next).isEqualTo(new VerifiedMaps.Accepted(addC.applyTo(first)));
        assertThat(maps.held().remotePeers()).containsExactly(b, c);
        assertThat(kept).containsExactly(5L, 6L);
    }

    @Test
    void receiveWhenUnsignedThenRefusedOnceWithResyncAndMapKept() {
        maps.receive(account.map(first));
        String unsigned = "{\"type\":\"delta\",\"delta\":" + TestMapSigner.json(delta(5, 6, List.of(c))) + "}";

        VerifiedMaps.Outcome outcome = maps.receive(unsigned);
        VerifiedMaps.Outcome again = maps.receive(unsigned);

        assertThat(outcome).isEqualTo(new VerifiedMaps.Refused(
                "refused a map message: it is not signed (no \"sig\" right after its type)", true));
        assertThat(((VerifiedMaps.Refused) again).resync()).as("one resync until a map arrives").isFalse();
        assertThat(maps.held()).isEqualTo(first);
    }

    @Test
    void receiveWhenSignedByAnotherKeyOrForAnotherPeerThenRefusedAndMapKept() {
        maps.receive(account.map(first));
        TestMapSigner attacker = new TestMapSigner();
        String forged = attacker.delta(delta(5, 6, List.of(c)));
        String forSomeoneElse = account.sign(Kind.DELTA, new SignedMapEnvelope.Recipient("account-1", "other"),
                TestMapSigner.json(delta(5, 6, List.of(c))));

        assertThat(maps.receive(forged)).isInstanceOfSatisfying(VerifiedMaps.Refused.class,
                refused -> assertThat(refused.reason()).contains("signature does not verify"));
        assertThat(maps.receive(forSomeoneElse)).isInstanceOf(VerifiedMaps.Refused.class);
        assertThat(maps.held()).isEqualTo(first);
    }

    @Test
    void receiveWhenMapSignaturePresentedAsDeltaThenRefused() {
        maps.receive(account.map(first));
        SignedMapEnvelope.Opened signedMap = SignedMapEnvelope.open(account.map(map(6, List.of(b, c), List.of())));

        VerifiedMaps.Outcome outcome = maps.receive(
                SignedMapEnvelope.envelope(Kind.DELTA, signedMap.proof(), signedMap.json()));

        assertThat(outcome).isInstanceOf(VerifiedMaps.Refused.class);
        assertThat(maps.held()).isEqualTo(first);
    }

    @Test
    void receiveWhenDeltaReplayedThenRefusedWithoutResync() {
        maps.receive(account.map(first));
        String addC = account.delta(delta(5, 6, List.of(c)));
        maps.receive(addC);
        maps.receive(account.delta(new MapDelta(6, 7, null, List.of(), List.of("c"), List.of(), List.of())));

        VerifiedMaps.Outcome replayed = maps.receive(addC);

        assertThat(replayed).isEqualTo(new VerifiedMaps.Refused("refused delta 5->6: the map held is at serial 7 "
                + "already (a replayed or reordered delta)", false));
        assertThat(maps.held().remotePeers()).containsExactly(b);
    }

    @Test
    void receiveWhenDeltaSkipsASerialThenRefusedWithOneResyncAndLaterGapsAwaitTheMap() {
        maps.receive(account.map(first));

        VerifiedMaps.Outcome gap = maps.receive(account.delta(delta(6, 7, List.of(c))));
        VerifiedMaps.Outcome another = maps.receive(account.delta(delta(7, 8, List.of(c))));
        VerifiedMaps.Outcome resent = maps.receive(account.map(map(8, List.of(b, c), List.of())));

        assertThat(gap).isInstanceOfSatisfying(VerifiedMaps.Refused.class, refused -> {
            assertThat(refused.reason()).contains("does not follow serial 5");
            assertThat(refused.resync()).isTrue();
        });
        assertThat(another).isInstanceOfSatisfying(VerifiedMaps.Behind.class,
                behind -> assertThat(behind.resync()).isFalse());
        assertThat(resent).isInstanceOf(VerifiedMaps.Accepted.class);
    }

    @Test
    void receiveWhenFullMapOlderThanHeldThenRefusedButSameOrNewerAccepted() {
        maps.receive(account.map(map(7, List.of(b, c), List.of())));

        assertThat(maps.receive(account.map(first))).isInstanceOfSatisfying(VerifiedMaps.Refused.class,
                refused -> assertThat(refused.reason()).contains("already held serial 7"));
        assertThat(maps.receive(account.map(map(7, List.of(b, c), List.of()))))
                .isInstanceOf(VerifiedMaps.Accepted.class);
        assertThat(maps.receive(account.map(map(9, List.of(c), List.of())))).isInstanceOf(VerifiedMaps.Accepted.class);
    }

    @Test
    void receiveWhenStartedAfterRestartWithKeptSerialThenOlderMapRefused() {
        VerifiedMaps restarted = new VerifiedMaps(account.trust(),
                MapFloors.of(Map.of(MapFloors.NO_MODEL, 8L)), floors -> { });

        assertThat(restarted.receive(account.map(first))).isInstanceOf(VerifiedMaps.Refused.class);
        assertThat(restarted.held()).isNull();
        assertThat(restarted.receive(account.map(map(8, List.of(b), List.of()))))
                .isInstanceOf(VerifiedMaps.Accepted.class);
    }

    @Test
    void receiveWhenSignedMapReachesOutsideOverlayThenRefusedWholeAndMapKept() {
        maps.receive(account.map(first));
        RemotePeer outsider = new RemotePeer("outsider", c.publicKey(), "192.0.2.9/32", "o.netloom.internal", true);
        MapDelta addOutsider = delta(5, 6, List.of(c, outsider));
        NetworkMap wideRule = map(6, List.of(b), List.of(new InboundRule("100.64.0.0/10", "all", List.of())));

        VerifiedMaps.Outcome outcome = maps.receive(account.delta(addOutsider));

        assertThat(outcome).isEqualTo(new VerifiedMaps.Refused("refused delta 5->6: peer \"outsider\" has allowed IP "
                + "\"192.0.2.9/32\", not a single address (/32) inside the overlay 100.64.0.0/10", false));
        assertThat(maps.receive(account.map(wideRule))).isInstanceOf(VerifiedMaps.Refused.class);
        assertThat(maps.held()).isEqualTo(first);
        assertThat(kept).containsExactly(5L);
    }

    @Test
    void receiveWhenDeltaBeforeAnyMapThenBehindAndFullMapAskedFor() {
        VerifiedMaps.Outcome outcome = maps.receive(account.delta(delta(0, 1, List.of(b))));

        assertThat(outcome).isEqualTo(new VerifiedMaps.Behind("delta 0->1 arrived before any map; asking for the full "
                + "map", true));
    }

    @Test
    void receiveWhenSignedMapOrDeltaIsNullThenRefusedWithoutResyncAndMapKept() {
        maps.receive(account.map(first));

        VerifiedMaps.Outcome nullMap = maps.receive(account.sign(Kind.MAP, TestMapSigner.SELF, "null"));
        VerifiedMaps.Outcome nullDelta = maps.receive(account.sign(Kind.DELTA, TestMapSigner.SELF, "null"));

        assertThat(nullMap).isEqualTo(new VerifiedMaps.Refused(
                "refused a signed map that does not parse: it is null, not an object", false));
        assertThat(nullDelta).isEqualTo(new VerifiedMaps.Refused(
                "refused a signed delta that does not parse: it is null, not an object", false));
        assertThat(maps.held()).isEqualTo(first);
        assertThat(kept).containsExactly(5L);
    }

    @Test
    void receiveWhenFullMapOfAnotherModelAtLowerSerialThenAcceptedAndItsModelHeld() {
        maps.receive(account.map(map(40, List.of(b), List.of()), "model-a"));

        VerifiedMaps.Outcome outcome = maps.receive(account.map(first, "model-b"));

        assertThat(outcome).isEqualTo(new VerifiedMaps.Accepted(first));
        assertThat(maps.heldModel()).isEqualTo("model-b");
    }

    @Test
    void receiveWhenFullMapOfEarlierModelBelowItsFloorThenRefusedAndMapOfCurrentModelKept() {
        maps.receive(account.map(map(40, List.of(b), List.of()), "model-a"));
        maps.receive(account.map(first, "model-b"));

        VerifiedMaps.Outcome replayed = maps.receive(account.map(map(39, List.of(b, c), List.of()), "model-a"));

        assertThat(replayed).isInstanceOfSatisfying(VerifiedMaps.Refused.class,
                refused -> assertThat(refused.reason()).contains("already held serial 40"));
        assertThat(maps.held()).isEqualTo(first);
        assertThat(maps.heldModel()).isEqualTo("model-b");
    }

    @Test
    void receiveWhenDeltaFollowsMapOfAModelThenModelKeptAndFloorsPerModelReported() {
        List<Map<String, Long>> reported = new ArrayList<>();
        VerifiedMaps perModel = new VerifiedMaps(account.trust(), MapFloors.none(), floors -> reported.add(floors.asMap()));
        perModel.receive(account.map(map(40, List.of(b), List.of()), "model-a"));
        perModel.receive(account.map(first, "model-b"));

        perModel.receive(account.delta(delta(5, 6, List.of(c))));

        assertThat(perModel.heldModel()).isEqualTo("model-b");
        assertThat(reported.get(reported.size() - 1)).containsExactly(Map.entry("model-a", 40L),
                Map.entry("model-b", 6L));
    }

    @Test
    void receiveWhenFullMapNamesNoModelThenNoneHeld() {
        maps.receive(account.map(first, "model-a"));

        maps.receive(account.map(map(6, List.of(b), List.of())));

        assertThat(maps.heldModel()).isNull();
    }

    private static MapDelta delta(long base, long serial, List<RemotePeer> upserted) {
        return new MapDelta(base, serial, null, upserted, List.of(), List.of(), List.of());
    }
}
