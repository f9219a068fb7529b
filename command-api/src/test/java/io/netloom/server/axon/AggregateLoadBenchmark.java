package io.netloom.server.axon;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.peer.Peer;
import io.netloom.domain.peer.RecordPeerConnectedCommand;
import io.netloom.domain.peer.RecordPeerDisconnectedCommand;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Loading a Peer with 10,000 presence events (and a tail of 125) from the server's PostgreSQL, as a process that has not cached it
 * does (after a start or an eviction): once from its whole stream, as before snapshots, and once from its snapshot
 * and the events after it. Not part of the suite (its name ends in neither Test nor Tests); run it with
 * {@code mvn -B verify -pl command-api -am -DskipITs -Dtest=AggregateLoadBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} and read the figures it prints. It asserts nothing about time: figures
 * go to ADR 0052.
 */
class AggregateLoadBenchmark extends ServerTest {

    private static final int EVENTS = Integer.getInteger("load.benchmark.events", 10_000);
    /** Sent one by one after the fill, as a gateway sends them: half the threshold, the average distance. */
    private static final int TAIL = Integer.getInteger("load.benchmark.tail", 125);
    private static final int ROUNDS = Integer.getInteger("load.benchmark.rounds", 21);
    private static final int SESSIONS_PER_TRANSACTION = 50;

    @Autowired
    private Commands commands;

    @Autowired
    private SnapshotExecutor snapshotExecutor;

    @Autowired
    private EventStore eventStore;

    @Autowired
    @Qualifier("serializer")
    private Serializer serializer;

    @Autowired
    private TransactionManager transactionManager;

    @Autowired
    private DataSource dataSource;

    @Test
    void peerWithTenThousandPresenceEvents() throws Exception {
        AccountId account = AccountId.random();
        NetloomApi.Client owner = accounts.newAccount(account);
        PeerId peer = new PeerId(TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(owner, List.of()),
                "flappy"));
        long filling = System.nanoTime();
        for (int first = 0; first < EVENTS / 2; first += SESSIONS_PER_TRANSACTION) {
            List<Object> presence = new ArrayList<>();
            for (int session = first; session < Math.min(first + SESSIONS_PER_TRANSACTION, EVENTS / 2); session++) {
                presence.add(new RecordPeerConnectedCommand(peer, account, "s" + session, "203.0.113.7", "0.1.0",
                        Instant.now()));
                presence.add(new RecordPeerDisconnectedCommand(peer, account, "s" + session, Instant.now()));
            }
            commands.sendAtomically(presence, Initiator.SYSTEM);
        }
        for (int session = 0; session < TAIL; session++) {
            commands.send(new RecordPeerConnectedCommand(peer, account, "tail" + session, "203.0.113.7", "0.1.0",
                    Instant.now()), Initiator.SYSTEM);
        }
        snapshotExecutor.awaitScheduled();
        System.out.printf("filled: %d presence events in %.1f s, then %d one by one%n", EVENTS,
                (System.nanoTime() - filling) / 1e9, TAIL);

        EmbeddedEventStore withoutSnapshots = EmbeddedEventStore.builder().storageEngine(
                JdbcEventStorageEngine.builder()
                        .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                                new SpringDataSourceConnectionProvider(dataSource)))
                        .transactionManager(transactionManager)
                        .snapshotSerializer(serializer)
                        .eventSerializer(serializer)
                        .snapshotFilter(SnapshotFilter.rejectAll())
                        .build()).build();
        try {
            report("whole stream (before)", withoutSnapshots, peer);
            report("snapshot and the events after it (after)", eventStore, peer);
            report("whole stream (before)", withoutSnapshots, peer);
            report("snapshot and the events after it (after)", eventStore, peer);
        } finally {
            withoutSnapshots.shutDown();
        }
    }

    private void report(String what, EventStore store, PeerId peer) throws Exception {
        long read = store.readEvents(peer.value()).asStream().count();
        double[] millis = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            Repository<Peer> repository = EventSourcingRepository.builder(Peer.class).eventStore(store).build();
            long start = System.nanoTime();
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> repository.load(peer.value()));
            millis[round] = (System.nanoTime() - start) / 1e6;
            if (result.isExceptional()) {
                throw new IllegalStateException(result.exceptionResult());
            }
        }
        Arrays.sort(millis);
        System.out.printf("%s: %d messages read per load; load of a Peer, %d rounds: median %.1f ms, min %.1f ms,"
                + " max %.1f ms%n", what, read, ROUNDS, millis[ROUNDS / 2], millis[0], millis[ROUNDS - 1]);
    }
}
