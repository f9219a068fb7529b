package io.netloom.daemon.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MapFloorsTest {

    @Test
    void acceptedWhenLowerSerialOfSameModelThenFloorStays() {
        MapFloors floors = MapFloors.none();
        floors.accepted("model-a", 9);

        floors.accepted("model-a", 4);

        assertThat(floors.floorOf("model-a")).isEqualTo(9);
    }

    @Test
    void acceptedWhenMoreModelsThanKeptThenLeastRecentlyAcceptedGoes() {
        MapFloors floors = MapFloors.none();
        for (int model = 0; model < MapFloors.MODELS_KEPT; model++) {
            floors.accepted("model-" + model, model);
        }
        floors.accepted("model-0", 3);

        floors.accepted("model-new", 1);

        assertThat(floors.asMap()).hasSize(MapFloors.MODELS_KEPT).containsKey("model-0").doesNotContainKey("model-1");
        assertThat(floors.floorOf("model-1")).isEqualTo(-1);
    }

    @Test
    void floorOfWhenNoModelNamedThenFloorOfMapsWithoutModel() {
        MapFloors floors = MapFloors.of(Map.of(MapFloors.NO_MODEL, 5L));

        assertThat(floors.floorOf(null)).isEqualTo(5);
        assertThat(floors.floorOf("model-a")).isEqualTo(-1);
    }
}
