package io.netloom.daemon.routes;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.netloom.daemon.map.RouteEntry;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the user said about routes with {@code netloom routes select|deselect}, by network_id: a route with
 * {@code skip_auto_apply} (typically an exit node) is used only once selected, any other route unless deselected.
 * Kept in the state directory, so a restart keeps the user's choice.
 */
public record RouteChoices(
        @JsonProperty("selected") Set<String> selected,
        @JsonProperty("deselected") Set<String> deselected) {

    public static final RouteChoices NONE = new RouteChoices(Set.of(), Set.of());

    public RouteChoices {
        selected = selected == null ? Set.of() : Set.copyOf(selected);
        deselected = deselected == null ? Set.of() : Set.copyOf(deselected);
    }

    /** Whether the device uses {@code entry}'s route, as far as the user's choice goes. */
    public boolean uses(RouteEntry entry) {
        return entry.skipAutoApply() ? selected.contains(entry.networkId()) : !deselected.contains(entry.networkId());
    }

    public RouteChoices select(Collection<String> networkIds) {
        Set<String> nowSelected = new TreeSet<>(selected);
        nowSelected.addAll(networkIds);
        Set<String> nowDeselected = new TreeSet<>(deselected);
        nowDeselected.removeAll(networkIds);
        return new RouteChoices(nowSelected, nowDeselected);
    }

    public RouteChoices deselect(Collection<String> networkIds) {
        Set<String> nowDeselected = new TreeSet<>(deselected);
        nowDeselected.addAll(networkIds);
        Set<String> nowSelected = new TreeSet<>(selected);
        nowSelected.removeAll(networkIds);
        return new RouteChoices(nowSelected, nowDeselected);
    }
}
