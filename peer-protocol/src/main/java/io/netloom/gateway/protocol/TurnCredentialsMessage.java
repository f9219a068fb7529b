package io.netloom.gateway.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netloom.enrollment.PeerConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's {@code turn_credentials} message (docs/protocol.md §2a): fresh TURN credentials for the signed-in
 * peer, sent right after the first sync and again before they expire.
 * {@code {"type":"turn_credentials","valid_for_seconds":N,"turn":[{"uri","username","password","expires_at"}…]}}.
 * {@code valid_for_seconds} is how long they stay valid from the moment they are sent, so that a daemon whose
 * clock differs from the server's still renews in time; {@code expires_at} is the server's clock, for display.
 */
public final class TurnCredentialsMessage {

    public static final String TYPE = "turn_credentials";
    static final int MAX_SERVERS = 8;
    static final int MAX_FIELD_CHARS = 512;

    /** What a well-formed message carries. */
    public record Grant(List<PeerConfiguration.TurnServer> servers, Duration validFor) {

        public Grant {
            servers = List.copyOf(servers);
        }

        /** When the credentials expire, by the server's clock (the same for every entry). */
        public Instant expiresAt() {
            return servers.get(0).expiresAt();
        }

        @Override
        public String toString() {
            return "Grant[" + servers + ", validFor=" + validFor + "]";
        }
    }

    private TurnCredentialsMessage() {
    }

    public static String encode(Grant grant) {
        ObjectNode message = Wire.JSON.createObjectNode().put("type", TYPE)
                .put("valid_for_seconds", grant.validFor().toSeconds());
        ArrayNode servers = message.putArray("turn");
        grant.servers().forEach(server -> servers.addObject().put("uri", server.uri())
                .put("username", server.username()).put("password", server.password())
                .put("expires_at", server.expiresAt().toString()));
        return message.toString();
    }

    /**
     * Reads a {@code turn_credentials} message; throws {@link IllegalArgumentException} naming what is wrong
     * (missing or over-long fields, no servers or too many, a malformed time, a lifetime that is not positive).
     */
    public static Grant decode(JsonNode message) {
        if (!TYPE.equals(message.path("type").asText(""))) {
            throw new IllegalArgumentException("not a " + TYPE + " message");
        }
        JsonNode validFor = message.path("valid_for_seconds");
        if (!validFor.isIntegralNumber() || !validFor.canConvertToLong() || validFor.asLong() <= 0) {
            throw new IllegalArgumentException("valid_for_seconds must be a positive integer");
        }
        JsonNode turn = message.path("turn");
        if (!turn.isArray() || turn.isEmpty() || turn.size() > MAX_SERVERS) {
            throw new IllegalArgumentException("turn must list 1 to " + MAX_SERVERS + " servers");
        }
        List<PeerConfiguration.TurnServer> servers = new ArrayList<>();
        for (JsonNode entry : turn) {
            servers.add(new PeerConfiguration.TurnServer(text(entry, "uri"), text(entry, "username"),
                    text(entry, "password"), instant(entry, "expires_at")));
        }
        if (servers.stream().map(PeerConfiguration.TurnServer::expiresAt).distinct().count() != 1) {
            throw new IllegalArgumentException("every entry must expire at the same time");
        }
        return new Grant(servers, Duration.ofSeconds(validFor.asLong()));
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.path(field);
        if (!value.isTextual() || value.asText().isEmpty() || value.asText().length() > MAX_FIELD_CHARS) {
            throw new IllegalArgumentException(field + " must be a string of 1 to " + MAX_FIELD_CHARS + " characters");
        }
        return value.asText();
    }

    private static Instant instant(JsonNode entry, String field) {
        try {
            return Instant.parse(text(entry, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant");
        }
    }
}
