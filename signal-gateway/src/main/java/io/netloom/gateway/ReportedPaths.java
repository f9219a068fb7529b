package io.netloom.gateway;

import io.netloom.gateway.protocol.PathReport;
import java.time.Instant;
import java.util.List;

/**
 * The paths a connected peer last reported (docs/protocol.md §2c), only towards peers in its map. Live state of
 * its session: it goes with the session, and is never an event (ADR 0038).
 *
 * @param receivedAt when the gateway took the report, by the server's clock
 */
public record ReportedPaths(Instant receivedAt, List<PathReport.Path> paths) {

    public ReportedPaths {
        paths = List.copyOf(paths);
    }
}
