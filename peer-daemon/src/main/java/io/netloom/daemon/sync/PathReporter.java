package io.netloom.daemon.sync;

import io.netloom.gateway.protocol.PathReport;
import java.util.List;
import java.util.function.Supplier;

/**
 * Tells the server which paths this device uses (docs/protocol.md §2c). Called once a second: it sends the whole
 * current set when a path changed (connected, upgraded to direct, fell back to a relay, lost), when a latency halved
 * or doubled, or when the gateway session is new, so at most one report a second goes out, and a report lost with a
 * session is replaced on the next one. Latency moving within its range sends nothing: a report a second per device
 * for jitter would load the server and show nothing new.
 */
public final class PathReporter {

    private final Supplier<List<PathReport.Path>> paths;
    private final Sink sink;
    private List<Shape> sent;
    private long sentOn = Sink.NONE;

    public PathReporter(Supplier<List<PathReport.Path>> paths, Sink sink) {
        this.paths = paths;
        this.sink = sink;
    }

    /** Where reports go: the live gateway session, when it takes them. */
    public interface Sink {

        long NONE = -1;

        /** The number of the live session if its gateway takes path reports, else {@link #NONE}. */
        long session();

        /** Sends {@code message} on session {@code session}; false if that session has ended. */
        boolean send(long session, String message);
    }

    /** Sends a report if one is due; the caller paces the calls (once a second). */
    public void tick() {
        long session = sink.session();
        if (session == Sink.NONE) {
            return;
        }
        List<PathReport.Path> current = paths.get();
        List<Shape> shapes = current.stream().map(Shape::of).toList();
        if (session == sentOn && shapes.equals(sent)) {
            return;
        }
        if (sink.send(session, PathReport.encode(current))) {
            sent = shapes;
            sentOn = session;
        }
    }

    /** What makes a path worth reporting again: everything but the latency within a factor of two. */
    private record Shape(PathReport.Path path, int latencyClass) {

        static Shape of(PathReport.Path path) {
            Double latency = path.latencyMillis();
            PathReport.Path withoutLatency = new PathReport.Path(path.peerId(), path.type(), path.localCandidateType(),
                    path.remoteCandidateType(), path.remoteEndpoint(), path.relayTransport(), null);
            return new Shape(withoutLatency, latency == null ? -1
                    : 63 - Long.numberOfLeadingZeros(Math.max(1, Math.round(latency))));
        }
    }
}
