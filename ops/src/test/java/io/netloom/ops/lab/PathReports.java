package io.netloom.ops.lab;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code GET /api/peers} says, at one moment, about where each peer connects from and the paths its daemon
 * reported (ADR 0038): {@code connection_ip}, and {@code netloom_connections} with one entry per remote peer.
 */
final class PathReports {

    /** The fields a daemon reports for a path, as {@code netloom status --json} also shows them. */
    static final List<String> REPORTED_FIELDS = List.of("connection_type", "local_candidate_type",
            "remote_candidate_type", "remote_endpoint", "relay_transport");

    private final Map<String, JsonNode> peers = new HashMap<>();

    private PathReports(JsonNode peerList) {
        for (JsonNode peer : peerList) {
            peers.put(peer.get("id").asText(), peer);
        }
    }

    static PathReports read(LabApi api) {
        return new PathReports(api.get("/api/peers"));
    }

    /** The address the server sees the peer's session come from (NetBird's "public connection IP address"). */
    String connectionIp(String peerId) {
        return peer(peerId).get("connection_ip").asText();
    }

    /** The path {@code from} reported to {@code to}, if it reported one. */
    Optional<JsonNode> path(String from, String to) {
        for (JsonNode connection : peer(from).get("netloom_connections")) {
            if (connection.get("peer_id").asText().equals(to)) {
                return Optional.of(connection);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code from}'s report about {@code to} says what {@code view}, the remote peer in {@code from}'s
     * {@code netloom status --json}, says: the same connection type, candidate types, remote endpoint and relay
     * transport.
     */
    boolean agreesWith(String from, String to, JsonNode view) {
        Optional<JsonNode> reported = path(from, to);
        if (view == null || reported.isEmpty()) {
            return false;
        }
        for (String field : REPORTED_FIELDS) {
            if (!Objects.equals(text(reported.get(), field), text(view, field))) {
                return false;
            }
        }
        return true;
    }

    private JsonNode peer(String peerId) {
        JsonNode peer = peers.get(peerId);
        if (peer == null) {
            throw new AssertionError("GET /api/peers lists no peer " + peerId + ": " + peers.keySet());
        }
        return peer;
    }

    /** A field's text, or null when it is absent (the API leaves out what it does not know) or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
