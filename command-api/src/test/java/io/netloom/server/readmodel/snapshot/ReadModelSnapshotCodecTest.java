package io.netloom.server.readmodel.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.peer.PeerDeletedEvent;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.DirectoryProjection;
import io.netloom.projections.directory.PeerView;
import io.netloom.projections.networkmap.MapDelta;
import io.netloom.projections.networkmap.NetworkMap;
import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.projections.networkmap.projection.NetworkMapProjection;
import io.netloom.server.axon.AxonConfiguration;
import io.netloom.server.readmodel.ReadModelDigest;
import io.netloom.server.readmodel.snapshot.ReadModelSnapshotCodec.ReadModels;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.zip.GZIPInputStream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReadModelSnapshotCodecTest {

    private final ReadModelSnapshotCodec codec =
            new ReadModelSnapshotCodec(new AxonConfiguration().defaultAxonObjectMapper());

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 60);
    }

    /**
     * The property start-up relies on: the models after a prefix of the history, encoded and decoded, then given the
     * rest of it, hold what the models given the whole history hold, every peer's map serial included.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void decodeWhenTheRestOfTheHistoryIsAppliedThenEqualsTheWholeReplay(long seed) {
        List<EventMessage<?>> history = RandomHistory.of(seed, 400);
        int cut = 4 + new Random(-seed).nextInt(history.size() - 4);
        String context = "seed " + seed + ", cut after " + cut + " of " + history.size() + " events";

        // Setup-key peers offboarded with their creator in half the runs: the maps then remember keys' creators.
        boolean offboard = seed % 2 == 1;
        Models prefix = Models.fresh(offboard);
        prefix.apply(history.subList(0, cut));
        ReadModels restored = codec.decode(ReadModelSnapshotCodec.FORMAT, codec.encode(prefix.directory, prefix.maps),
                false);
        assertSame(restored.directory(), restored.networkMaps(), prefix.directory, prefix.maps, context + ", decoded");

        Models continued = Models.of(restored, offboard);
        continued.apply(history.subList(cut, history.size()));
        Models whole = Models.fresh(offboard);
        whole.apply(history);
        assertSame(continued.directory, continued.maps, whole.directory, whole.maps, context + ", then the rest");
    }

    /**
     * A server upgraded to format 2 (ADR 0065) still starts from the format-1 snapshot it finds: both formats hold the
     * same models, format 2 writing records of one string (ids, labels, keys) as bare strings.
     */
    @ParameterizedTest
    @MethodSource("olderFormatSeeds")
    void decodeOfTheFormatBeforeRecordsAsStringsThenHoldsTheSameModels(long seed) throws Exception {
        Models models = Models.fresh(false);
        models.apply(RandomHistory.of(seed, 400));

        ReadModelSnapshotCodec.Encoded older = codec.encode(1, models.directory, models.maps);
        ReadModelSnapshotCodec.Encoded current = codec.encode(models.directory, models.maps);
        ReadModels fromOlder = codec.decode(1, older, false);
        assertSame(fromOlder.directory(), fromOlder.networkMaps(), models.directory, models.maps, "format 1");
        assertThat(ReadModelSnapshotCodec.reads(1)).isTrue();
        String olderText = text(older.accounts().get(0));
        String currentText = text(current.accounts().get(0));
        assertThat(olderText).contains("\"id\":{\"value\":\"");
        assertThat(currentText).doesNotContain("{\"value\":").contains("\"id\":\"");
        assertThat(currentText.length()).isLessThan(olderText.length());
    }

    static LongStream olderFormatSeeds() {
        return LongStream.rangeClosed(1, 4);
    }

    @Test
    void decodeWhenTheStoredFormatIsNotOneItReadsThenSaysSo() {
        Models models = Models.fresh(false);
        models.apply(RandomHistory.of(3, 100));
        ReadModelSnapshotCodec.Encoded current = codec.encode(models.directory, models.maps);

        assertThat(ReadModelSnapshotCodec.reads(3)).isFalse();
        assertThatThrownBy(() -> codec.decode(3, current, false)).hasMessageContaining("format 3 is not read here");
        assertThatThrownBy(() -> codec.decode(1, current, false)).isInstanceOf(RuntimeException.class);
    }

    private static String text(byte[] gzipped) throws Exception {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * A daemon holding the serial it had when the snapshot was taken is up to date, and later gets exactly the deltas
     * made after it; one holding an older serial, whose deltas the snapshot dropped, is told to fetch its full map.
     */
    @Test
    void deltasSinceWhenRestoredWithHistoryThenGoOnFromTheSnapshotSerials() {
        List<EventMessage<?>> history = RandomHistory.of(7, 600);
        List<EventMessage<?>> rest = history.subList(300, history.size());
        Models prefix = Models.fresh(false);
        prefix.apply(history.subList(0, 300));
        Map<String, Long> held = serials(prefix.directory, prefix.maps);
        Models continued = Models.of(codec.decode(ReadModelSnapshotCodec.FORMAT,
                codec.encode(prefix.directory, prefix.maps), true), false);

        held.forEach((key, serial) -> {
            AccountId account = new AccountId(key.substring(0, key.indexOf('/')));
            PeerId peer = new PeerId(key.substring(key.indexOf('/') + 1));
            if (serial > 0) {
                assertThat(continued.maps.deltasSince(account, peer, serial)).as(key).contains(List.of());
                assertThat(continued.maps.deltasSince(account, peer, serial - 1)).as(key).isEmpty();
            }
        });

        continued.apply(rest);
        Set<PeerId> deletedLater = rest.stream().map(EventMessage::getPayload)
                .filter(PeerDeletedEvent.class::isInstance).map(event -> ((PeerDeletedEvent) event).peerId())
                .collect(Collectors.toSet());
        int checked = 0;
        for (Map.Entry<String, Long> entry : held.entrySet()) {
            AccountId account = new AccountId(entry.getKey().substring(0, entry.getKey().indexOf('/')));
            PeerId peer = new PeerId(entry.getKey().substring(entry.getKey().indexOf('/') + 1));
            Optional<NetworkMap> map = continued.maps.mapOf(account, peer);
            if (deletedLater.contains(peer) || map.isEmpty() || entry.getValue() < 0
                    || map.get().serial() - entry.getValue() > NetworkMaps.DELTAS_KEPT_PER_PEER) {
                continue;
            }
            List<MapDelta> missed = continued.maps.deltasSince(account, peer, entry.getValue()).orElseThrow();
            assertThat(missed).as(entry.getKey()).hasSize((int) (map.get().serial() - entry.getValue()));
            if (!missed.isEmpty()) {
                assertThat(missed.get(0).baseSerial()).as(entry.getKey()).isEqualTo(entry.getValue());
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    private static void assertSame(Directory directory, NetworkMaps maps, Directory expectedDirectory,
            NetworkMaps expectedMaps, String context) {
        ReadModelDigest digest = ReadModelDigest.of(directory, maps);
        ReadModelDigest expected = ReadModelDigest.of(expectedDirectory, expectedMaps);
        assertThat(digest.differencesFrom(expected)).as(context).isEmpty();
        assertThat(digest).as(context).isEqualTo(expected);
        assertThat(serials(directory, maps)).as(context + ": serials")
                .isEqualTo(serials(expectedDirectory, expectedMaps));
    }

    /** Every peer's map serial, by account and peer; -1 for a peer without a map. */
    private static Map<String, Long> serials(Directory directory, NetworkMaps maps) {
        Map<String, Long> serials = new TreeMap<>();
        for (AccountId account : directory.accountIds()) {
            for (PeerView peer : directory.account(account).orElseThrow().peers()) {
                PeerId id = peer.id();
                serials.put(account.value() + "/" + id.value(),
                        maps.mapOf(account, id).map(NetworkMap::serial).orElse(-1L));
            }
        }
        return serials;
    }

    /** Both read models, fed through the projections' handlers as the server's processors feed them. */
    private record Models(Directory directory, NetworkMaps maps, List<AnnotationEventHandlerAdapter> handlers) {

        static Models fresh(boolean offboardSetupKeyPeers) {
            return of(new ReadModels(new Directory(), new NetworkMaps(false)), offboardSetupKeyPeers);
        }

        static Models of(ReadModels models, boolean offboardSetupKeyPeers) {
            return new Models(models.directory(), models.networkMaps(), List.of(
                    new AnnotationEventHandlerAdapter(new DirectoryProjection(models.directory())),
                    new AnnotationEventHandlerAdapter(new NetworkMapProjection(models.networkMaps(), offboardSetupKeyPeers))));
        }

        void apply(List<EventMessage<?>> events) {
            for (EventMessage<?> event : events) {
                for (AnnotationEventHandlerAdapter handler : handlers) {
                    try {
                        handler.handle(event);
                    } catch (Exception e) {
                        throw new AssertionError("cannot apply " + event.getPayload(), e);
                    }
                }
            }
        }
    }
}
