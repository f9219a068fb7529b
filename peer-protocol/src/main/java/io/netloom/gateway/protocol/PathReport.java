package io.netloom.gateway.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The daemon's {@code paths} message (docs/protocol.md §2c): the paths it currently uses to its remote peers, the
 * whole set each time, so that a report that got lost is healed by the next one.
 * {@code {"type":"paths","paths":[{"peer","connection_type","local_candidate_type","remote_candidate_type",
 * "remote_endpoint","relay_transport"?,"latency_ms"?}…]}}. Both ends check every entry the same way: a daemon cannot
 * write what a gateway refuses, and a gateway takes nothing it could not show.
 */
public final class PathReport {

    public static final String TYPE = "paths";
    /** Named in the gateway's {@code welcome} when it takes {@code paths} messages (older gateways close on them). */
    public static final String FEATURE = "paths";
    /** Keeps the largest report well under the gateway's 64 KiB message limit (an entry takes at most 250 bytes). */
    public static final int MAX_PATHS = 200;
    static final int MAX_PEER_ID_CHARS = 64;
    /** A round trip longer than a minute is no measurement of a working path. */
    static final double MAX_LATENCY_MILLIS = 60_000;

    private static final Set<String> CANDIDATE_TYPES = Set.of("host", "srflx", "prflx", "relay");
    private static final Pattern PEER_ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_PEER_ID_CHARS + "}");
    private static final Pattern ENDPOINT = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}:([1-9]\\d{0,4})");

    /** How the path runs: straight between the two devices, or through a TURN relay of either side. */
    public enum ConnectionType {
        P2P,
        RELAYED;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How this device reaches its own relay allocation. */
    public enum RelayTransport {
        UDP,
        TCP,
        TLS;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One remote peer's path as the reporting device uses it.
     *
     * @param peerId the remote peer
     * @param localCandidateType {@code host|srflx|prflx|relay}: this device's end of the selected pair
     * @param remoteCandidateType the remote end's type
     * @param remoteEndpoint {@code ip:port} this device sends to (IPv4)
     * @param relayTransport set only when this device relays through an allocation of its own, else {@code null}
     * @param latencyMillis round trip over the path, {@code null} until measured; kept to 0.1 ms, finer is noise
     */
    public record Path(String peerId, ConnectionType type, String localCandidateType, String remoteCandidateType,
            String remoteEndpoint, RelayTransport relayTransport, Double latencyMillis) {

        public Path {
            if (peerId == null || !PEER_ID.matcher(peerId).matches()) {
                throw new IllegalArgumentException("peer must be a peer id (1 to " + MAX_PEER_ID_CHARS
                        + " letters, digits, '-' or '_')");
            }
            if (type == null) {
                throw new IllegalArgumentException("connection_type must be p2p or relayed");
            }
            requireCandidateType("local_candidate_type", localCandidateType);
            requireCandidateType("remote_candidate_type", remoteCandidateType);
            boolean relayed = "relay".equals(localCandidateType) || "relay".equals(remoteCandidateType);
            if (relayed != (type == ConnectionType.RELAYED)) {
                throw new IllegalArgumentException("connection_type " + type.wireName()
                        + " does not match the candidate types " + localCandidateType + "/" + remoteCandidateType);
            }
            if (relayTransport != null && !"relay".equals(localCandidateType)) {
                throw new IllegalArgumentException("relay_transport belongs only to a path on an own relay allocation");
            }
            if (remoteEndpoint == null || !ENDPOINT.matcher(remoteEndpoint).matches()
                    || Integer.parseInt(remoteEndpoint.substring(remoteEndpoint.indexOf(':') + 1)) > 65_535) {
                throw new IllegalArgumentException("remote_endpoint must be an IPv4 address and port, a.b.c.d:port");
            }
            if (latencyMillis != null && !(latencyMillis >= 0 && latencyMillis <= MAX_LATENCY_MILLIS)) {
                throw new IllegalArgumentException("latency_ms must be a number from 0 to " + (long) MAX_LATENCY_MILLIS);
            }
            latencyMillis = latencyMillis == null ? null : Math.round(latencyMillis * 10) / 10.0;
        }

        private static void requireCandidateType(String field, String value) {
            if (!CANDIDATE_TYPES.contains(value)) {
                throw new IllegalArgumentException(field + " must be host, srflx, prflx or relay");
            }
        }
    }

    private PathReport() {
    }

    /** The message for {@code paths}, which must name each peer once and hold at most {@link #MAX_PATHS}. */
    public static String encode(List<Path> paths) {
        requireDistinctAndBounded(paths);
        ObjectNode message = Wire.JSON.createObjectNode().put("type", TYPE);
        ArrayNode entries = message.putArray("paths");
        for (Path path : paths) {
            ObjectNode entry = entries.addObject().put("peer", path.peerId())
                    .put("connection_type", path.type().wireName())
                    .put("local_candidate_type", path.localCandidateType())
                    .put("remote_candidate_type", path.remoteCandidateType())
                    .put("remote_endpoint", path.remoteEndpoint());
            if (path.relayTransport() != null) {
                entry.put("relay_transport", path.relayTransport().wireName());
            }
            if (path.latencyMillis() != null) {
                entry.put("latency_ms", path.latencyMillis());
            }
        }
        return message.toString();
    }

    /**
     * Reads a {@code paths} message; throws {@link IllegalArgumentException} naming what is wrong and where (not an
     * array, too many entries, a peer named twice, a field missing, of the wrong type or out of range). Fields an
     * entry has beyond these are ignored, so that a later daemon may add some.
     */
    public static List<Path> decode(JsonNode message) {
        if (!TYPE.equals(message.path("type").asText(""))) {
            throw new IllegalArgumentException("not a " + TYPE + " message");
        }
        JsonNode entries = message.path("paths");
        if (!entries.isArray() || entries.size() > MAX_PATHS) {
            throw new IllegalArgumentException("paths must be a list of at most " + MAX_PATHS + " entries");
        }
        List<Path> paths = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            try {
                paths.add(entry(entries.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("paths[" + i + "]: " + e.getMessage());
            }
        }
        requireDistinctAndBounded(paths);
        return List.copyOf(paths);
    }

    private static Path entry(JsonNode entry) {
        if (!entry.isObject()) {
            throw new IllegalArgumentException("must be an object");
        }
        JsonNode latency = entry.path("latency_ms");
        if (!latency.isMissingNode() && !latency.isNumber()) {
            throw new IllegalArgumentException("latency_ms must be a number");
        }
        return new Path(text(entry, "peer"), connectionType(text(entry, "connection_type")),
                text(entry, "local_candidate_type"), text(entry, "remote_candidate_type"), text(entry, "remote_endpoint"),
                entry.has("relay_transport") ? relayTransport(text(entry, "relay_transport")) : null,
                latency.isMissingNode() ? null : latency.doubleValue());
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return value.asText();
    }

    private static ConnectionType connectionType(String value) {
        for (ConnectionType type : ConnectionType.values()) {
            if (type.wireName().equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("connection_type must be p2p or relayed");
    }

    private static RelayTransport relayTransport(String value) {
        for (RelayTransport transport : RelayTransport.values()) {
            if (transport.wireName().equals(value)) {
                return transport;
            }
        }
        throw new IllegalArgumentException("relay_transport must be udp, tcp or tls");
    }

    private static void requireDistinctAndBounded(List<Path> paths) {
        if (paths.size() > MAX_PATHS) {
            throw new IllegalArgumentException("paths must be a list of at most " + MAX_PATHS + " entries");
        }
        Set<String> peers = new HashSet<>();
        for (Path path : paths) {
            if (!peers.add(path.peerId())) {
                throw new IllegalArgumentException("peer " + path.peerId() + " is named twice");
            }
        }
    }
}
