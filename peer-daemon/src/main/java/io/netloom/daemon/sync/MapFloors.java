package io.netloom.daemon.sync;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The highest map serial this device accepted, per map model (ADR 0057): a full map older than that of its own model
 * is a replay. Serials of different models do not compare (each server process counts its own), so a map of another
 * model is measured against that model's floor only. The {@value #MODELS_KEPT} models last accepted are kept, oldest
 * first; a map from a server that names no model counts in {@link #NO_MODEL}. Used on one thread.
 */
public final class MapFloors {

    /** Enough for a device moving between the processes of one cluster and their restarts. */
    static final int MODELS_KEPT = 8;
    /** The model of maps from a server that names none (one process, before ADR 0057). */
    public static final String NO_MODEL = "";

    private final LinkedHashMap<String, Long> floors = new LinkedHashMap<>();

    private MapFloors() {
    }

    public static MapFloors none() {
        return new MapFloors();
    }

    /** The floors as kept, oldest model first; an entry without a serial (a damaged file) is no floor. */
    public static MapFloors of(Map<String, Long> kept) {
        MapFloors floors = new MapFloors();
        kept.forEach((model, serial) -> {
            if (serial != null) {
                floors.accepted(model, serial);
            }
        });
        return floors;
    }

    /** The highest serial accepted of {@code model} ({@code null}: {@link #NO_MODEL}), -1 for none. */
    public long floorOf(String model) {
        return floors.getOrDefault(keyOf(model), -1L);
    }

    /** Records {@code serial} of {@code model} as accepted: its model becomes the newest, the oldest beyond the limit goes. */
    public void accepted(String model, long serial) {
        String key = keyOf(model);
        long floor = Math.max(serial, floors.getOrDefault(key, -1L));
        floors.remove(key);
        floors.put(key, floor);
        while (floors.size() > MODELS_KEPT) {
            floors.remove(floors.keySet().iterator().next());
        }
    }

    /** A copy, oldest model first. */
    public Map<String, Long> asMap() {
        return new LinkedHashMap<>(floors);
    }

    private static String keyOf(String model) {
        return model == null ? NO_MODEL : model;
    }
}
