package io.netloom.server.audit.history;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What the changes would do: flows allowed after them and not before ({@code gained}), the reverse ({@code lost}),
 * the peers whose map would differ, and how many changes were applied (all of them: any refused change refuses
 * the whole dry run).
 */
public record DryRunResult(List<Flow> gained, List<Flow> lost,
        @JsonProperty("maps_changed") List<String> mapsChanged,
        @JsonProperty("changes_applied") int changesApplied) {

    /** Traffic a source peer may start towards a destination peer: protocol, and ports (empty: all). */
    public record Flow(Peer source, Peer destination, String protocol, List<String> ports) {
    }

    /** A peer, named as the directory names it now. */
    public record Peer(String id, String name) {
    }
}
