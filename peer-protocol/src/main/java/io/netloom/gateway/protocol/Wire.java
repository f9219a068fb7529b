package io.netloom.gateway.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The peer protocol's JSON (version 1, docs/protocol.md). Every message is an object with a
 * {@code type}; the server sends {@code map}, {@code delta}, {@code signal} and {@code error}, the
 * peer sends {@code resync} and {@code signal}.
 */
public final class Wire {

    public static final String PEER_PATH = "/v1/peer";
    public static final String CHALLENGE_PATH = "/v1/challenge";
    public static final String SERIAL_PARAMETER = "serial";
    public static final String DAEMON_VERSION_HEADER = "X-Netloom-Daemon-Version";

    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Wire() {
    }

    /** Serialized straight from the record: fan-out writes one of these per peer and change. */
    public static String map(Object networkMap) {
        return "{\"type\":\"map\",\"map\":" + write(networkMap) + "}";
    }

    public static String delta(Object mapDelta) {
        return "{\"type\":\"delta\",\"delta\":" + write(mapDelta) + "}";
    }

    public static String error(String code, String message) {
        return write(JSON.createObjectNode().put("type", "error").put("code", code).put("message", message));
    }

    public static String resync() {
        return write(JSON.createObjectNode().put("type", "resync"));
    }

    /** A signal as the sender writes it (no sender: the gateway knows who is talking). */
    public static String signalTo(String to, SealedSignal signal) {
        return write(signal(signal.kind(), signal.seq(), signal.nonce(), signal.ciphertext()).put("to", to));
    }

    /** A signal as the gateway delivers it, naming the authenticated sender. */
    public static String signalFrom(String from, String kind, long sequence, String nonce, String ciphertext) {
        return write(signal(kind, sequence, nonce, ciphertext).put("from", from));
    }

    public static JsonNode read(String text) throws JsonProcessingException {
        return JSON.readTree(text);
    }

    private static ObjectNode signal(String kind, long sequence, String nonce, String ciphertext) {
        return JSON.createObjectNode().put("type", "signal").put("kind", kind).put("seq", sequence)
                .put("nonce", nonce).put("ciphertext", ciphertext);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }
}
