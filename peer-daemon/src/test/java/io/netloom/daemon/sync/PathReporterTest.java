package io.netloom.daemon.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.gateway.protocol.PathReport;
import io.netloom.gateway.protocol.PathReport.ConnectionType;
import io.netloom.gateway.protocol.PathReport.Path;
import io.netloom.gateway.protocol.PathReport.RelayTransport;
import io.netloom.gateway.protocol.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** When the device tells the server its paths: on changes and new sessions, the whole set, never for jitter. */
class PathReporterTest {

    private static final Path RELAYED = new Path("peer-b", ConnectionType.RELAYED, "relay", "srflx",
            "203.0.113.1:49152", RelayTransport.UDP, 40.0);
    private static final Path DIRECT = new Path("peer-b", ConnectionType.P2P, "srflx", "srflx", "203.0.113.7:51820",
            null, 12.0);
    private static final Path TO_C = new Path("peer-c", ConnectionType.P2P, "host", "host", "198.18.0.3:51820", null,
            null);

    private final AtomicReference<List<Path>> paths = new AtomicReference<>(List.of(RELAYED));
    private final RecordingSink sink = new RecordingSink();
    private final PathReporter reporter = new PathReporter(paths::get, sink);

    @Test
    void tickWhenNoSessionTakesReportsThenNothingSent() {
        sink.session = PathReporter.Sink.NONE;

        reporter.tick();

        assertThat(sink.sent).isEmpty();
    }

    @Test
    void tickWhenSessionIsNewThenTheWholeSetOnceAndAgainOnTheNextSession() throws Exception {
        paths.set(List.of(RELAYED, TO_C));

        reporter.tick();
        reporter.tick();
        sink.session = 2;
        reporter.tick();

        assertThat(sink.sent).hasSize(2);
        assertThat(reported(0)).containsExactly(RELAYED, TO_C);
        assertThat(reported(1)).containsExactly(RELAYED, TO_C);
    }

    @Test
    void tickWhenAPathIsUpgradedFallsBackOrIsLostThenReportedEachTime() throws Exception {
        reporter.tick();
        paths.set(List.of(DIRECT));
        reporter.tick();
        paths.set(List.of(RELAYED));
        reporter.tick();
        paths.set(List.of());
        reporter.tick();

        assertThat(sink.sent).hasSize(4);
        assertThat(reported(1)).containsExactly(DIRECT);
        assertThat(reported(2)).containsExactly(RELAYED);
        assertThat(reported(3)).isEmpty();
    }

    @Test
    void tickWhenOnlyTheLatencyMovesWithinAFactorOfTwoThenNothingSentButItsFirstMeasureAndADoublingAre()
            throws Exception {
        paths.set(List.of(withLatency(null)));
        reporter.tick();
        paths.set(List.of(withLatency(40.0)));
        reporter.tick();
        paths.set(List.of(withLatency(47.5)));
        reporter.tick();
        paths.set(List.of(withLatency(33.0)));
        reporter.tick();
        paths.set(List.of(withLatency(70.0)));
        reporter.tick();

        assertThat(sink.sent).hasSize(3);
        assertThat(reported(1)).containsExactly(withLatency(40.0));
        assertThat(reported(2)).containsExactly(withLatency(70.0));
    }

    @Test
    void tickWhenTheSessionEndedWhileSendingThenTriedAgainOnTheNextTick() throws Exception {
        sink.accepting = false;
        reporter.tick();
        sink.accepting = true;
        reporter.tick();

        assertThat(sink.sent).hasSize(1);
        assertThat(reported(0)).containsExactly(RELAYED);
    }

    private static Path withLatency(Double latency) {
        return new Path(RELAYED.peerId(), RELAYED.type(), RELAYED.localCandidateType(), RELAYED.remoteCandidateType(),
                RELAYED.remoteEndpoint(), RELAYED.relayTransport(), latency);
    }

    private List<Path> reported(int index) throws Exception {
        return PathReport.decode(Wire.read(sink.sent.get(index)));
    }

    private static final class RecordingSink implements PathReporter.Sink {

        final List<String> sent = new ArrayList<>();
        long session = 1;
        boolean accepting = true;

        @Override
        public long session() {
            return session;
        }

        @Override
        public boolean send(long session, String message) {
            if (accepting && session == this.session) {
                sent.add(message);
            }
            return accepting;
        }
    }
}
