package io.netloom.server.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.peer.DnsLabel;
import io.netloom.domain.peer.EnrollPeerCommand;
import io.netloom.domain.peer.PeerMetadata;
import io.netloom.domain.peer.RecordPeerConnectedCommand;
import io.netloom.domain.peer.RecordPeerDisconnectedCommand;
import io.netloom.domain.peer.WireguardPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The aggregates' Axon wiring ({@link AggregatesConfiguration#module}) without Spring, on Axon's in-memory store: a
 * Peer with 2,000 presence events, loaded by a process that has not cached it, reads its newest snapshot and fewer
 * events than the threshold after it; the same load without snapshots reads all of them. The same in PostgreSQL
 * with 10,000 events, and timed: {@code AggregateLoadBenchmark}.
 */
class SnapshotLoadTest {

    private static final AccountId ACCOUNT = new AccountId("account-1");
    private static final PeerId PEER = new PeerId("peer-1");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final int SESSIONS = 1_000;

    private final CountingStorageEngine engine = new CountingStorageEngine();
    private final SnapshotExecutor snapshots = new SnapshotExecutor();
    private final List<Configuration> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Configuration::shutdown);
        snapshots.close();
    }

    @Test
    void peerWhenThousandsOfPresenceEventsThenColdLoadReadsSnapshotAndFewerEventsThanThreshold() throws Exception {
        Configuration writer = start();
        enroll(writer);
        for (int session = 1; session <= SESSIONS; session++) {
            writer.commandGateway().sendAndWait(new RecordPeerConnectedCommand(PEER, ACCOUNT, "s" + session,
                    "203.0.113.7", "0.1.0", T0.plusSeconds(2L * session)));
            writer.commandGateway().sendAndWait(new RecordPeerDisconnectedCommand(PEER, ACCOUNT, "s" + session,
                    T0.plusSeconds(2L * session + 1)));
        }
        snapshots.awaitScheduled();
        long lastSequence = engine.lastSequenceNumberFor(PEER.value()).orElseThrow();
        assertThat(lastSequence).isEqualTo(2L * SESSIONS);

        long snapshotSequence = engine.readSnapshot(PEER.value()).orElseThrow().getSequenceNumber();
        long withSnapshot = eventsReadByColdLoad();
        engine.ignoreSnapshots = true;
        long withoutSnapshot = eventsReadByColdLoad();

        System.out.printf("Peer with %d events, loaded cold: %d events read without a snapshot; with one (at sequence"
                + " %d), the snapshot and %d events%n", lastSequence + 1, withoutSnapshot, snapshotSequence,
                withSnapshot);
        assertThat(withoutSnapshot).isEqualTo(lastSequence + 1);
        assertThat(withSnapshot).isLessThan(AggregatesConfiguration.SNAPSHOT_THRESHOLD);
        assertThat(engine.lastSequenceNumberFor(PEER.value())).contains(lastSequence);
    }

    @Test
    void peerWhenLoadedFromSnapshotThenPresenceRulesHoldAsBefore() throws Exception {
        Configuration writer = start();
        enroll(writer);
        for (int session = 1; session <= AggregatesConfiguration.SNAPSHOT_THRESHOLD; session++) {
            writer.commandGateway().sendAndWait(new RecordPeerConnectedCommand(PEER, ACCOUNT, "s" + session,
                    "203.0.113.7", "0.1.0", T0.plusSeconds(session)));
        }
        snapshots.awaitScheduled();
        assertThat(engine.readSnapshot(PEER.value())).isPresent();

        Configuration cold = start();
        long before = engine.lastSequenceNumberFor(PEER.value()).orElseThrow();
        cold.commandGateway().sendAndWait(new RecordPeerDisconnectedCommand(PEER, ACCOUNT, "s1", T0.plusSeconds(999)));
        assertThat(engine.lastSequenceNumberFor(PEER.value())).as("a stale session's end is ignored")
                .contains(before);
        cold.commandGateway().sendAndWait(new RecordPeerDisconnectedCommand(PEER, ACCOUNT,
                "s" + AggregatesConfiguration.SNAPSHOT_THRESHOLD, T0.plusSeconds(999)));
        assertThat(engine.lastSequenceNumberFor(PEER.value())).as("the current session's end is recorded")
                .contains(before + 1);
    }

    private static void enroll(Configuration configuration) {
        configuration.commandGateway().sendAndWait(new EnrollPeerCommand(PEER, ACCOUNT,
                new WireguardPublicKey("AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="),
                new PeerMetadata("laptop", "linux", "6.1", "0.1.0"), "laptop", "100.64.0.7", new DnsLabel("laptop"),
                new UserId("user-1"), null, false, true, false, T0, null, false));
    }

    /**
     * A stale session's end: loads the aggregate in a process with an empty cache and records nothing. Counts the
     * events this thread reads, not those the snapshot thread reads to take the snapshot the load may schedule.
     */
    private long eventsReadByColdLoad() throws InterruptedException {
        Configuration cold = start();
        engine.countReadsOf(Thread.currentThread());
        cold.commandGateway().sendAndWait(new RecordPeerDisconnectedCommand(PEER, ACCOUNT, "s1", T0));
        long read = engine.eventsRead.getAndSet(0);
        snapshots.awaitScheduled();
        return read;
    }

    private Configuration start() {
        Serializer serializer =
                JacksonSerializer.builder().objectMapper(new AxonConfiguration().defaultAxonObjectMapper()).build();
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> engine);
        AggregatesConfiguration.module(snapshots.executor()).configureModule(configurer);
        Configuration configuration = configurer.start();
        started.add(configuration);
        return configuration;
    }

    /** Axon's in-memory engine, counting the events it hands out for loading aggregates (snapshots apart). */
    private static final class CountingStorageEngine implements EventStorageEngine {

        private final InMemoryEventStorageEngine delegate = new InMemoryEventStorageEngine();
        private final AtomicLong eventsRead = new AtomicLong();
        private volatile Thread counted;
        private volatile boolean ignoreSnapshots;

        void countReadsOf(Thread loader) {
            counted = loader;
            eventsRead.set(0);
        }

        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            delegate.appendEvents(events);
        }

        @Override
        public void storeSnapshot(DomainEventMessage<?> snapshot) {
            delegate.storeSnapshot(snapshot);
        }

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            return delegate.readEvents(trackingToken, mayBlock);
        }

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            return DomainEventStream.of(delegate.readEvents(aggregateIdentifier, firstSequenceNumber).asStream()
                    .peek(event -> {
                        if (Thread.currentThread() == counted) {
                            eventsRead.incrementAndGet();
                        }
                    }));
        }

        @Override
        public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
            return ignoreSnapshots ? Optional.empty() : delegate.readSnapshot(aggregateIdentifier);
        }

        @Override
        public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
            return delegate.lastSequenceNumberFor(aggregateIdentifier);
        }
    }
}
