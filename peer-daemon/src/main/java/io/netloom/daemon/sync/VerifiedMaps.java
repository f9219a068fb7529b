package io.netloom.daemon.sync;

import io.netloom.daemon.DaemonJson;
import io.netloom.daemon.map.MapDelta;
import io.netloom.daemon.map.NetworkMap;
import io.netloom.gateway.protocol.SignedMapEnvelope;
import java.io.IOException;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The only way a map reaches this device (ADR 0015). A map message must carry the account key's
 * signature over its exact bytes, made for this peer; a full map must not be older than any map of its model
 * accepted before (held before a restart too: {@link MapFloors}), a delta must start at the serial held; and the
 * result must stay inside the overlay. The model a full map names (ADR 0057) is kept with the map held, so that the
 * next sign-in can say which server process's serials it counts in. Anything else is refused and the map held stays as it is.
 * Used on one thread (the gateway session's); {@link #held} may be read from any.
 */
public final class VerifiedMaps {

    /** What became of one message. */
    public sealed interface Outcome permits Accepted, Refused, Behind {
    }

    /** Applied: {@code map} is what the device holds now. */
    public record Accepted(NetworkMap map) implements Outcome {
    }

    /** Refused, for a reason worth showing; {@code resync}: ask the gateway for the full map. */
    public record Refused(String reason, boolean resync) implements Outcome {
    }

    /** Not applied because this device is behind (no map yet, or a full map already asked for). */
    public record Behind(String reason, boolean resync) implements Outcome {
    }

    private final MapTrust trust;
    private final Consumer<MapFloors> acceptedFloors;
    private final MapFloors floors;
    private volatile NetworkMap held;
    private volatile String heldModel;
    private boolean resyncAsked;

    /**
     * @param floors the highest serials this device accepted per model (kept across restarts)
     * @param acceptedFloors told the floors after every accepted map, to keep them
     */
    public VerifiedMaps(MapTrust trust, MapFloors floors, Consumer<MapFloors> acceptedFloors) {
        this.trust = trust;
        this.floors = floors;
        this.acceptedFloors = acceptedFloors;
    }

    public NetworkMap held() {
        return held;
    }

    /** The model the map held counts its serial in; {@code null} for none, or a map whose server named none. */
    public String heldModel() {
        return heldModel;
    }

    /** A new session starts: whatever was asked of the old one is forgotten. */
    public void sessionStarted() {
        resyncAsked = false;
    }

    /** Checks and, if everything holds, applies one {@code map} or {@code delta} message as received. */
    public Outcome receive(String text) {
        SignedMapEnvelope.Opened opened;
        try {
            opened = SignedMapEnvelope.open(text);
        } catch (IllegalArgumentException e) {
            return refused("refused a map message: " + e.getMessage(), true);
        }
        String kind = opened.kind().type();
        if (!opened.isSignedBy(trust.signingKey(), trust.recipient())) {
            return refused("refused a " + kind + ": its signature does not verify with the account's key for this peer"
                    + " (forged, altered, or meant for another peer)", true);
        }
        try {
            return opened.kind() == SignedMapEnvelope.Kind.MAP
                    ? receiveMap(parse(opened.json(), NetworkMap.class), parse(opened.json(), Model.class).model())
                    : receiveDelta(parse(opened.json(), MapDelta.class));
        } catch (IOException e) {
            return refused("refused a signed " + kind + " that does not parse: "
                    + e.getMessage().lines().findFirst().orElse(""), false);
        }
    }

    /** The message's content; JSON {@code null} parses to no object at all, and is refused like any other non-object. */
    private static <T> T parse(String json, Class<T> type) throws IOException {
        T value = DaemonJson.MAPPER.readValue(json, type);
        if (value == null) {
            throw new IOException("it is null, not an object");
        }
        return value;
    }

    private Outcome receiveMap(NetworkMap map, String model) {
        if (map.config() == null) {
            return refused("refused a map without its own configuration", false);
        }
        long floor = floors.floorOf(model);
        if (map.serial() < floor) {
            return refused("refused a map at serial " + map.serial() + ": this device already held serial " + floor
                    + " (a replayed or reordered map)", false);
        }
        return checkedAndAccepted(map, model, "map at serial " + map.serial(), true);
    }

    private Outcome receiveDelta(MapDelta delta) {
        String name = "delta " + delta.baseSerial() + "->" + delta.serial();
        NetworkMap current = held;
        if (current == null) {
            return behind(name + " arrived before any map; asking for the full map");
        }
        if (delta.serial() <= current.serial()) {
            return refused("refused " + name + ": the map held is at serial " + current.serial()
                    + " already (a replayed or reordered delta)", false);
        }
        if (delta.baseSerial() != current.serial()) {
            if (resyncAsked) {
                return behind(name + " does not follow serial " + current.serial() + "; the full map is on its way");
            }
            return refused("refused " + name + ": it does not follow serial " + current.serial()
                    + " (a lost or reordered delta); asking for the full map", true);
        }
        return checkedAndAccepted(delta.applyTo(current), heldModel, name, false);
    }

    private Outcome checkedAndAccepted(NetworkMap map, String model, String name, boolean fullMap) {
        Optional<String> outside = trust.overlay().problemWith(map);
        if (outside.isPresent()) {
            return refused("refused " + name + ": " + outside.get(), false);
        }
        held = map;
        heldModel = model;
        floors.accepted(model, map.serial());
        if (fullMap) {
            resyncAsked = false;
        }
        acceptedFloors.accept(floors);
        return new Accepted(map);
    }

    private Outcome refused(String reason, boolean resync) {
        return new Refused(reason, askResync(resync));
    }

    private Outcome behind(String reason) {
        return new Behind(reason, askResync(true));
    }

    /** At most one full map is asked for until one arrives: a forger cannot make this device flood the gateway. */
    private boolean askResync(boolean wanted) {
        if (!wanted || resyncAsked) {
            return false;
        }
        resyncAsked = true;
        return true;
    }

    /** The model a full map names (ADR 0057); absent from a server before models. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Model(@JsonProperty("model") String model) {
    }
}
