package io.netloom.daemon.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What the CLI asks the running daemon over its control socket.
 *
 * @param networkIds for {@link #SELECT_ROUTES} and {@link #DESELECT_ROUTES}: the routes' network ids
 * @param all for those two: every route of the map
 */
public record ControlRequest(
        @JsonProperty("command") String command,
        @JsonProperty("network_ids") List<String> networkIds,
        @JsonProperty("all") boolean all) {

    public static final String STATUS = "status";
    public static final String DOWN = "down";
    public static final String ROUTES = "routes";
    public static final String SELECT_ROUTES = "select_routes";
    public static final String DESELECT_ROUTES = "deselect_routes";

    public ControlRequest {
        networkIds = networkIds == null ? List.of() : networkIds.stream().filter(id -> id != null).toList();
    }

    public ControlRequest(String command) {
        this(command, List.of(), false);
    }
}
