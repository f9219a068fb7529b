package io.netloom.daemon.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.map.RouteEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteChoicesTest {

    private final RouteEntry exitNode = new RouteEntry("route-e", "exit", "0.0.0.0/0", "e", 100, true);
    private final RouteEntry autoExitNode = new RouteEntry("route-a", "exit-auto", "0.0.0.0/0", "e", 100, false);
    private final RouteEntry office = new RouteEntry("route-o", "office", "198.18.1.0/24", "r1", 100, false);

    @Test
    void usesWhenNothingChosenThenAutoRoutesOnlyAndSkipAutoApplyWaitsForSelect() {
        assertThat(RouteChoices.NONE.uses(office)).isTrue();
        assertThat(RouteChoices.NONE.uses(autoExitNode)).isTrue();
        assertThat(RouteChoices.NONE.uses(exitNode)).isFalse();
    }

    @Test
    void usesWhenSelectedThenDeselectedThenFollowsTheLastChoice() {
        RouteChoices selected = RouteChoices.NONE.select(List.of("exit")).deselect(List.of("office"));

        assertThat(selected.uses(exitNode)).isTrue();
        assertThat(selected.uses(office)).isFalse();

        RouteChoices back = selected.deselect(List.of("exit")).select(List.of("office"));
        assertThat(back.uses(exitNode)).isFalse();
        assertThat(back.uses(office)).isTrue();
    }
}
