package io.netloom.server.readmodel.snapshot;

import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.DirectoryProjection;
import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.projections.networkmap.projection.NetworkMapProjection;
import io.netloom.server.axon.AxonConfiguration;
import io.netloom.server.readmodel.ReadModelDigest;
import io.netloom.testsupport.bench.BenchHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;

/**
 * Size and speed of a read-model snapshot of the replay benchmark's store (ADR 0054), without the store: the models
 * are built in memory from the same events {@code ops/.../EventStoreFiller} writes ({@link BenchHistory}), in the same
 * order, fed through the projections' handlers.
 * Not part of the suite; prints its numbers.
 *
 * <pre>java ... ReadModelSnapshotBenchmark [events, default 1000000] [rounds, default 3] [directory to write the parts to]
 * java ... ReadModelSnapshotBenchmark --decode DIRECTORY
 * java ... ReadModelSnapshotBenchmark --read-only DIRECTORY</pre>
 */
public final class ReadModelSnapshotBenchmark {

    private static final Instant START = Instant.parse("2026-08-27T12:00:00Z");

    private final Directory directory = new Directory();
    private final NetworkMaps maps = new NetworkMaps(false);
    private final List<AnnotationEventHandlerAdapter> handlers = List.of(
            new AnnotationEventHandlerAdapter(new DirectoryProjection(directory)),
            new AnnotationEventHandlerAdapter(new NetworkMapProjection(maps, false)));
    private final long target;
    private long written;

    private ReadModelSnapshotBenchmark(long target) {
        this.target = target;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--decode")) {
            decodeCold(Path.of(args[1]), false);
            return;
        }
        if (args.length == 2 && args[0].equals("--read-only")) {
            decodeCold(Path.of(args[1]), true);
            return;
        }
        long target = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        ReadModelSnapshotBenchmark bench = new ReadModelSnapshotBenchmark(target);
        long started = System.nanoTime();
        bench.fill();
        System.out.printf("applied %d events in memory in %.1f s (%d accounts)%n", bench.written, seconds(started),
                bench.directory.accountIds().size());
        ReadModelSnapshotCodec codec = new ReadModelSnapshotCodec(new AxonConfiguration().defaultAxonObjectMapper());
        ReadModelSnapshotCodec.Encoded encoded = null;
        ReadModelSnapshotCodec.ReadModels decoded = null;
        for (int round = 1; round <= rounds; round++) {
            System.gc();
            long encodeStart = System.nanoTime();
            encoded = codec.encode(bench.directory, bench.maps);
            double encodeSeconds = seconds(encodeStart);
            decoded = null;
            System.gc();
            long decodeStart = System.nanoTime();
            decoded = codec.decode(ReadModelSnapshotCodec.FORMAT, encoded, false);
            double decodeSeconds = seconds(decodeStart);
            ReadModelSnapshotCodec.Encoded parts = encoded;
            long parseStart = System.nanoTime();
            // The parts read without rebuilding the models: how decoding splits between JSON and recomputing the maps.
            parts.accounts().parallelStream().forEach(codec::readAccount);
            double parseSeconds = seconds(parseStart);
            System.out.printf("round %d: encode %.2f s, decode %.2f s, of which reading the parts alone %.2f s"
                    + " (%d cores)%n", round, encodeSeconds, decodeSeconds, parseSeconds,
                    Runtime.getRuntime().availableProcessors());
        }
        long largest = encoded.accounts().stream().mapToLong(part -> part.length).max().orElse(0);
        System.out.printf("size %,d bytes gzip'd: common part %,d, %d account parts, largest %,d%n", encoded.size(),
                encoded.common().length, encoded.accounts().size(), largest);
        List<String> differences = ReadModelDigest.of(decoded.directory(), decoded.networkMaps())
                .differencesFrom(ReadModelDigest.of(bench.directory, bench.maps));
        System.out.println("decoded models differ from the originals in: " + differences);
        if (args.length > 2) {
            Path directory = Files.createDirectories(Path.of(args[2]));
            Files.write(directory.resolve("common"), encoded.common());
            for (int i = 0; i < encoded.accounts().size(); i++) {
                Files.write(directory.resolve("account-" + i), encoded.accounts().get(i));
            }
            System.out.println("parts written to " + directory + " for --decode");
        }
    }

    /**
     * One decode in a fresh JVM, as a start-up does it: nothing is warmed up. {@code readOnly}: the account parts are
     * only read (gunzip and JSON), the models not rebuilt, to tell the two costs apart.
     */
    private static void decodeCold(Path directory, boolean readOnly) throws Exception {
        byte[] common = Files.readAllBytes(directory.resolve("common"));
        List<byte[]> accounts = new ArrayList<>();
        for (int i = 0; Files.exists(directory.resolve("account-" + i)); i++) {
            accounts.add(Files.readAllBytes(directory.resolve("account-" + i)));
        }
        long started = System.nanoTime();
        if (readOnly) {
            ReadModelSnapshotCodec codec = new ReadModelSnapshotCodec(new AxonConfiguration().defaultAxonObjectMapper());
            accounts.parallelStream().forEach(codec::readAccount);
            System.out.printf("cold read of %d account parts, models not rebuilt: %.2f s%n", accounts.size(),
                    seconds(started));
            return;
        }
        ReadModelSnapshotCodec.ReadModels models = new ReadModelSnapshotCodec(
                new AxonConfiguration().defaultAxonObjectMapper())
                .decode(ReadModelSnapshotCodec.FORMAT, new ReadModelSnapshotCodec.Encoded(common, accounts), false);
        System.out.printf("cold decode of %d account parts: %.2f s, %d accounts%n", accounts.size(), seconds(started),
                models.directory().accountIds().size());
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private void fill() throws Exception {
        BenchHistory.write(target, index -> START.plusMillis(index), this::apply);
    }

    /** Through the projections' handlers, as the tracking processors hand them stored events. */
    private void apply(String aggregateType, String aggregateId, Object payload, Instant at) throws Exception {
        GenericEventMessage<Object> event = new GenericEventMessage<>("bench-" + written, payload, Map.of(), at);
        for (AnnotationEventHandlerAdapter handler : handlers) {
            handler.handle(event);
        }
        written++;
    }
}
