package io.netloom.daemon.engine;

import io.netloom.daemon.ice.ConnectionStatus;
import io.netloom.daemon.ice.ConnectionType;
import io.netloom.gateway.protocol.PathReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The paths this device reports to the server (docs/protocol.md §2c), from its connections' snapshots: one per
 * connected peer, in peer id order, at most {@link PathReport#MAX_PATHS}. A peer that is not connected has no path.
 */
final class ReportablePaths {

    private ReportablePaths() {
    }

    /**
     * @param statuses each remote peer's connection snapshot, by peer id
     * @param skipped told of each connected path the protocol cannot carry, with the reason (never expected: the
     *     connection builds its snapshot from the same candidate types and IPv4 endpoints)
     */
    static List<PathReport.Path> of(Map<String, ConnectionStatus> statuses, Skipped skipped) {
        List<PathReport.Path> paths = new ArrayList<>();
        for (Map.Entry<String, ConnectionStatus> entry : new TreeMap<>(statuses).entrySet()) {
            ConnectionStatus status = entry.getValue();
            if (!status.connected() || status.type() == null) {
                continue;
            }
            if (paths.size() == PathReport.MAX_PATHS) {
                skipped.path(entry.getKey(), "more than " + PathReport.MAX_PATHS + " connected peers");
                continue;
            }
            try {
                paths.add(pathOf(entry.getKey(), status));
            } catch (IllegalArgumentException e) {
                skipped.path(entry.getKey(), e.getMessage());
            }
        }
        return List.copyOf(paths);
    }

    private static PathReport.Path pathOf(String peerId, ConnectionStatus status) {
        // The relay transport is that of this device's own allocation, which only a local relay candidate uses.
        String transport = "relay".equals(status.localCandidateType()) ? status.relayTransport() : null;
        return new PathReport.Path(peerId,
                status.type() == ConnectionType.P2P ? PathReport.ConnectionType.P2P : PathReport.ConnectionType.RELAYED,
                status.localCandidateType(), status.remoteCandidateType(), status.remoteEndpoint(),
                transport == null ? null : PathReport.RelayTransport.valueOf(transport.toUpperCase(Locale.ROOT)),
                status.latency() == null ? null : status.latency().toNanos() / 1_000_000.0);
    }

    /** Told of a path left out of the report. */
    @FunctionalInterface
    interface Skipped {

        void path(String peerId, String reason);
    }
}
