package io.netloom.gateway.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The peer protocol's JSON (version 1, docs/protocol.md). Every message is an object with a
 * {@code type}; the server sends {@code map}, {@code delta} (both signed: {@link SignedMapEnvelope}),
 * {@code signal} and {@code error}, the peer sends {@code resync} and {@code signal}.
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

    public static String error(String code, String message) {
        return write(JSON.createObjectNode().put("type", "error").put("code", code).put("message", message));
    }

    public static String resync() {
        return write(JSON.createObjectNode().put("type", "resync"));
    }

    /** A signal as the sender writes it (no sender: the gateway knows who is talking). */
    public static String signalTo(String to, String kind, long sequence, SignalCipher.Sealed sealed) {
        return write(signal(kind, sequence, sealed).put("to", to));
    }

    /** A signal as the gateway delivers it, naming the authenticated sender. */
    public static String signalFrom(String from, String kind, long sequence, String nonce, String ciphertext) {
        return write(signal(kind, sequence, new SignalCipher.Sealed(nonce, ciphertext)).put("from", from));
    }

    public static JsonNode read(String text) throws JsonProcessingException {
        return JSON.readTree(text);
    }

    private static ObjectNode signal(String kind, long sequence, SignalCipher.Sealed sealed) {
        return JSON.createObjectNode().put("type", "signal").put("kind", kind).put("seq", sequence)
                .put("nonce", sealed.nonce()).put("ciphertext", sealed.ciphertext());
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }
}
