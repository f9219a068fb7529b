package io.netloom.server.readmodel;

import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.DirectoryProjection;
import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.projections.networkmap.projection.NetworkMapProjection;
import io.netloom.server.identity.IdentityProperties;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Compares this process's live read models — the directory and every network map, kept current event by event —
 * with models rebuilt from scratch by replaying the event store up to the same position: the proof, after a crash or
 * under concurrent writes, that the incremental models hold exactly what the events say (issue 18, ADR 0053).
 *
 * <p>Both sides must stand at one position. The live side is read once the maps have caught up with the head; if
 * anything is appended while the check runs, the two may stand at different positions, so the check starts again,
 * a few times, and otherwise says it could not find a quiet moment rather than report a difference that is none.
 * The replay holds a second copy of the models in memory for the time of the check.
 */
@Component
public class ReadModelCheck {

    private static final int ATTEMPTS = 5;
    private static final Duration CATCH_UP = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(ReadModelCheck.class);

    private final EventStore eventStore;
    private final EventStorageEngine storageEngine;
    private final ReadModelFreshness freshness;
    private final Directory directory;
    private final NetworkMaps networkMaps;
    private final IdentityProperties identity;

    public ReadModelCheck(EventStore eventStore, EventStorageEngine storageEngine, ReadModelFreshness freshness,
            Directory directory, NetworkMaps networkMaps, IdentityProperties identity) {
        this.eventStore = eventStore;
        this.storageEngine = storageEngine;
        this.freshness = freshness;
        this.directory = directory;
        this.networkMaps = networkMaps;
        this.identity = identity;
    }

    /** The outcome of one check; {@code position} is the store's last global index both sides include. */
    public record Result(Outcome outcome, long position, long eventsReplayed, ReadModelDigest live,
            ReadModelDigest replayed, List<String> differences) {
    }

    public enum Outcome {
        /** The live models hold what a replay holds. */
        EQUAL,
        /** They differ: {@link Result#differences} says where. */
        DIFFERENT,
        /** The store kept changing while the check ran; nothing was compared. */
        NO_QUIET_MOMENT
    }

    public Result run() {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            OptionalLong head = head();
            if (!freshness.awaitEventsStoredBefore(CATCH_UP)) {
                continue;
            }
            ReadModelDigest live = ReadModelDigest.of(directory, networkMaps);
            Replay replay = replayUpTo(head);
            if (!head().equals(head)) {
                log.info("read-model check: events were appended during attempt {}; trying again", attempt);
                continue;
            }
            List<String> differences = live.differencesFrom(replay.digest());
            if (!differences.isEmpty()) {
                log.warn("read-model check at position {}: the live models differ from a replay in {}",
                        head.orElse(-1), differences);
            }
            return new Result(differences.isEmpty() ? Outcome.EQUAL : Outcome.DIFFERENT, head.orElse(-1),
                    replay.events(), live, replay.digest(), differences);
        }
        return new Result(Outcome.NO_QUIET_MOMENT, -1, 0, null, null, List.of());
    }

    private record Replay(ReadModelDigest digest, long events) {
    }

    private Replay replayUpTo(OptionalLong head) {
        Directory replayedDirectory = new Directory();
        NetworkMaps replayedMaps = new NetworkMaps(false);
        long events;
        try (Stream<? extends TrackedEventMessage<?>> stored = storageEngine.readEvents(null, false)) {
            Stream<? extends TrackedEventMessage<?>> upToHead = stored
                    .takeWhile(event -> positionOf(event.trackingToken()) <= head.orElse(-1));
            events = StartupReplay.run(upToHead, new DirectoryProjection(replayedDirectory),
                    new NetworkMapProjection(replayedMaps, identity.offboardSetupKeyPeers())).count();
        }
        return new Replay(ReadModelDigest.of(replayedDirectory, replayedMaps), events);
    }

    private OptionalLong head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? OptionalLong.empty() : head.position();
    }

    private static long positionOf(TrackingToken token) {
        return token.position().orElse(Long.MAX_VALUE);
    }
}
