package io.netloom.daemon.control;

import io.netloom.daemon.status.RouteStatus;
import java.util.ArrayList;
import java.util.List;

/** The daemon's side of {@code netloom routes} for socket tests: fixed routes, and the choices it was asked for. */
public final class RecordingRoutes implements RouteControl {

    private final List<RouteStatus> routes;
    public final List<String> choices = new ArrayList<>();

    public RecordingRoutes(List<RouteStatus> routes) {
        this.routes = List.copyOf(routes);
    }

    @Override
    public List<RouteStatus> routes() {
        return routes;
    }

    @Override
    public List<RouteStatus> choose(boolean select, List<String> networkIds, boolean all) {
        for (String id : networkIds) {
            if (routes.stream().noneMatch(route -> route.networkId().equals(id))) {
                throw new IllegalArgumentException("no route has network id " + id + " (see `netloom routes list`)");
            }
        }
        choices.add((select ? "select " : "deselect ") + (all ? "--all" : String.join(",", networkIds)));
        return routes;
    }
}
