package io.netloom.daemon.control;

import io.netloom.daemon.status.RouteStatus;
import java.io.IOException;
import java.util.List;

/** What {@code netloom routes} asks the running daemon. */
public interface RouteControl {

    List<RouteStatus> routes();

    /**
     * Selects or deselects routes by network id ({@code all}: every route of the map) and answers the routes as they
     * stand afterwards.
     *
     * @throws IllegalArgumentException naming a network id the map has no route for
     */
    List<RouteStatus> choose(boolean select, List<String> networkIds, boolean all) throws IOException;
}
