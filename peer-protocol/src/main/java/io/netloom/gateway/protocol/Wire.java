package io.netloom.gateway.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The peer protocol's JSON (version 2, docs/protocol.md). Every message is an object with a
 * {@code type}. Sign-in first: the gateway sends {@code challenge}, the peer {@code sign_in}, the
 * gateway {@code welcome}. Then the server sends {@code map}, {@code delta} (both signed:
 * {@link SignedMapEnvelope}), {@code turn_credentials} ({@link TurnCredentialsMessage}), {@code signal}
 * and {@code error}, the peer sends {@code resync}, {@code signal} and, to a gateway whose welcome names the
 * feature, {@code paths} ({@link PathReport}).
 */
public final class Wire {

    public static final String PEER_PATH = "/v2/peer";

    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Wire() {
    }

    /** The gateway's first message on a new connection: the nonce the sign-in proof must cover. */
    public static String challenge(byte[] nonce) {
        return write(JSON.createObjectNode().put("type", "challenge").put("nonce", base64(nonce)));
    }

    /** The peer's answer to the challenge; {@code serial} negative when it holds no map. */
    public static String signIn(String publicKey, byte[] proof, long serial, String daemonVersion) {
        return signIn(publicKey, proof, serial, daemonVersion, null);
    }

    /**
     * As {@link #signIn(String, byte[], long, String)}, with the extra DNS labels the device asks for (ADR 0046):
     * all of them, none clears them; {@code null} leaves them out, and the peer's stay as they are.
     */
    public static String signIn(String publicKey, byte[] proof, long serial, String daemonVersion,
            List<String> extraDnsLabels) {
        return signIn(publicKey, proof, serial, null, daemonVersion, extraDnsLabels);
    }

    /**
     * As {@link #signIn(String, byte[], long, String, List)}, naming the map model the held map at {@code serial}
     * came from ({@code model}, ADR 0057): a gateway of another model answers with the full map. {@code null} (no
     * map held, or one from a gateway that named no model) leaves it out.
     */
    public static String signIn(String publicKey, byte[] proof, long serial, String model, String daemonVersion,
            List<String> extraDnsLabels) {
        ObjectNode message = JSON.createObjectNode().put("type", "sign_in").put("key", publicKey)
                .put("proof", base64(proof)).put("daemon_version", daemonVersion);
        if (serial >= 0) {
            message.put("serial", serial);
            if (model != null) {
                message.put("model", model);
            }
        }
        if (extraDnsLabels != null) {
            ArrayNode labels = message.putArray("extra_dns_labels");
            extraDnsLabels.forEach(labels::add);
        }
        return write(message);
    }

    /** The gateway's admission, proving in turn that it holds the gateway key and sits on this connection. */
    public static String welcome(byte[] proof) {
        return welcome(proof, Set.of());
    }

    /**
     * A welcome that also names the optional messages this gateway takes from the peer ({@code features}, e.g.
     * {@link PathReport#FEATURE}); a gateway that names none takes only the messages of the first version 2.
     */
    public static String welcome(byte[] proof, Set<String> features) {
        ObjectNode message = JSON.createObjectNode().put("type", "welcome").put("proof", base64(proof));
        if (!features.isEmpty()) {
            ArrayNode named = message.putArray("features");
            new TreeSet<>(features).forEach(named::add);
        }
        return write(message);
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

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
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
