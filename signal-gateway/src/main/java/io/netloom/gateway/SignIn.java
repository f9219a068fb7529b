package io.netloom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.peer.ExtraDnsLabels;
import io.netloom.gateway.protocol.ChannelBinding;
import io.netloom.gateway.protocol.GatewaySignIn;
import io.netloom.gateway.protocol.PathReport;
import io.netloom.gateway.protocol.Wire;
import io.netloom.gateway.protocol.X25519Keys;
import io.netloom.gateway.tls.TlsChannels;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A freshly upgraded connection that has not yet proven whose it is (docs/protocol.md §1). It is
 * sent a challenge at once and may answer with exactly one {@code sign_in} before its deadline; the
 * proof must cover the nonce, this gateway's key and this connection's channel binding. Until the
 * proof holds and the directory admits the key it is no session: no map, no presence, nothing
 * relayed. Everything else ends it with a close code and a reason. Runs on the socket's event loop.
 */
final class SignIn {

    /**
     * A sign-in is a few hundred characters, and at most 32 extra DNS labels of 253 characters (ADR 0046) on top;
     * anything larger is not one.
     */
    static final int MAX_MESSAGE_CHARS = 12_288;
    static final int MAX_DAEMON_VERSION_CHARS = 64;
    static final int MAX_MODEL_CHARS = 64;
    private static final int MAX_REASON_BYTES = 123;
    private static final Logger log = LoggerFactory.getLogger(SignIn.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What happens to an admitted peer: its session opens on this connection. */
    interface Admitted {
        void admitted(PeerIdentity peer, HeldMap held, String daemonVersion, ExtraDnsLabels extraDnsLabels);
    }

    private final Vertx vertx;
    private final ServerWebSocket socket;
    private final String source;
    private final GatewayConfig config;
    private final X25519Keys keys;
    private final PeerDirectory directory;
    private final Admitted admitted;
    private GatewaySignIn challenge;
    private long deadline = -1;
    private boolean over;
    private boolean admitting;

    SignIn(Vertx vertx, ServerWebSocket socket, String source, GatewayConfig config, X25519Keys keys,
            PeerDirectory directory, Admitted admitted) {
        this.vertx = vertx;
        this.socket = socket;
        this.source = source;
        this.config = config;
        this.keys = keys;
        this.directory = directory;
        this.admitted = admitted;
    }

    /** Sends the challenge and starts the clock. */
    void start() {
        ChannelBinding binding;
        try {
            binding = TlsChannels.bindingOf(socket);
        } catch (IllegalStateException e) {
            log.error("cannot bind sign-ins to the connection from {}: {}", source, e.getMessage());
            end(CloseCodes.INTERNAL_ERROR, "the gateway cannot bind a sign-in to this connection");
            return;
        }
        byte[] nonce = new byte[GatewaySignIn.NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        challenge = new GatewaySignIn(nonce, binding);
        socket.textMessageHandler(this::onText);
        socket.binaryMessageHandler(ignored -> end(CloseCodes.PROTOCOL_VIOLATION, "expected a sign_in message"));
        socket.exceptionHandler(error -> log.debug("connection from {} failed before sign-in: {}", source, error.toString()));
        socket.closeHandler(ignored -> finish());
        deadline = vertx.setTimer(config.signInTimeout().toMillis(), ignored -> end(CloseCodes.SIGN_IN_TIMEOUT,
                "no sign-in within " + config.signInTimeout().toMillis() + " ms"));
        socket.writeTextMessage(Wire.challenge(nonce));
    }

    private void onText(String text) {
        if (over) {
            return;
        }
        if (admitting) {
            end(CloseCodes.PROTOCOL_VIOLATION, "one sign_in per connection");
            return;
        }
        if (text.length() > MAX_MESSAGE_CHARS) {
            end(CloseCodes.MESSAGE_TOO_LARGE, "a sign-in is at most " + MAX_MESSAGE_CHARS + " characters");
            return;
        }
        JsonNode message;
        try {
            message = Wire.read(text);
        } catch (Exception e) {
            end(CloseCodes.PROTOCOL_VIOLATION, "malformed sign-in: not a JSON object");
            return;
        }
        if (!message.isObject() || !message.path("type").asText("").equals("sign_in")) {
            end(CloseCodes.PROTOCOL_VIOLATION, "nothing but sign_in is accepted before sign-in");
            return;
        }
        Request request;
        try {
            request = Request.of(message);
        } catch (IllegalArgumentException e) {
            end(CloseCodes.PROTOCOL_VIOLATION, "malformed sign-in: " + e.getMessage());
            return;
        } catch (CommandRejectedException e) {
            // Labels that are no DNS names: the reason names the first, as the enrollment API's 422 does.
            end(CloseCodes.PROTOCOL_VIOLATION, e.getMessage());
            return;
        }
        boolean proven;
        try {
            proven = challenge.isPeerProof(keys, request.publicKey(), request.proof());
        } catch (IllegalArgumentException e) {
            end(CloseCodes.SIGN_IN_REFUSED, e.getMessage());
            return;
        }
        if (!proven) {
            end(CloseCodes.SIGN_IN_REFUSED, "the proof does not hold for this key, this gateway and this connection");
            return;
        }
        String publicKey = Base64.getEncoder().encodeToString(request.publicKey());
        PeerDirectory.Admission admission = directory.admit(publicKey);
        if (admission.unknownKey()) {
            // Enrolled through another server process a moment ago, perhaps: asked again once this one caught up,
            // off the event loop. The sign-in deadline still runs.
            admitting = true;
            vertx.executeBlocking(() -> directory.admitOnceCurrent(publicKey), false).onComplete(checked -> {
                if (over) {
                    return;
                }
                if (checked.failed()) {
                    log.warn("cannot check the key of a peer signing in from {}: {}", source, checked.cause().toString());
                    end(CloseCodes.INTERNAL_ERROR, "the gateway cannot check this key now");
                    return;
                }
                proceed(request, checked.result());
            });
            return;
        }
        proceed(request, admission);
    }

    private void proceed(Request request, PeerDirectory.Admission admission) {
        if (!admission.isAdmitted()) {
            end(CloseCodes.PEER_REVOKED, admission.refusal());
            return;
        }
        if (request.extraDnsLabels() != null && !request.extraDnsLabels().isEmpty()
                && !admission.allowsExtraDnsLabels()) {
            // NetBird's login refusal, in its words; nothing is recorded, the peer's labels stay as they are.
            end(CloseCodes.PRECONDITION_FAILED, "setup key doesn't allow extra DNS labels");
            return;
        }
        finish();
        socket.writeTextMessage(Wire.welcome(challenge.gatewayProof(keys, request.publicKey()),
                Set.of(PathReport.FEATURE)));
        admitted.admitted(admission.identity(), request.held(), request.daemonVersion(), request.extraDnsLabels());
    }

    private void end(short code, String reason) {
        if (!over) {
            finish();
            socket.close(code, truncate(reason));
        }
    }

    private void finish() {
        over = true;
        vertx.cancelTimer(deadline);
    }

    private static String truncate(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= MAX_REASON_BYTES ? reason
                : new String(bytes, 0, MAX_REASON_BYTES, StandardCharsets.UTF_8).replace("\uFFFD", "");
    }

    /**
     * The fields of a sign_in message, each checked for shape.
     *
     * @param extraDnsLabels {@code null} when the message has none (a daemon from before them)
     */
    private record Request(byte[] publicKey, byte[] proof, HeldMap held, String daemonVersion,
            ExtraDnsLabels extraDnsLabels) {

        static Request of(JsonNode message) {
            byte[] publicKey = X25519Keys.decodePublicKey(message.path("key").asText(""));
            byte[] proof;
            try {
                proof = Base64.getDecoder().decode(message.path("proof").asText(""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("proof is not base64");
            }
            if (proof.length == 0) {
                throw new IllegalArgumentException("proof is missing");
            }
            JsonNode serial = message.get("serial");
            if (serial != null && (!serial.isIntegralNumber() || !serial.canConvertToLong() || serial.asLong() < 0)) {
                throw new IllegalArgumentException("serial must be a non-negative integer");
            }
            JsonNode model = message.get("model");
            if (model != null && (!model.isTextual() || model.asText().isEmpty()
                    || model.asText().length() > MAX_MODEL_CHARS)) {
                throw new IllegalArgumentException("model must be text of 1 to " + MAX_MODEL_CHARS + " characters");
            }
            JsonNode version = message.get("daemon_version");
            if (version != null && (!version.isTextual() || version.asText().length() > MAX_DAEMON_VERSION_CHARS)) {
                throw new IllegalArgumentException("daemon_version must be text of at most " + MAX_DAEMON_VERSION_CHARS
                        + " characters");
            }
            HeldMap held = serial == null ? HeldMap.NONE
                    : new HeldMap(serial.asLong(), model == null ? null : model.asText());
            return new Request(publicKey, proof, held,
                    version == null ? "" : version.asText(), extraDnsLabels(message.get("extra_dns_labels")));
        }

        private static ExtraDnsLabels extraDnsLabels(JsonNode labels) {
            if (labels == null) {
                return null;
            }
            if (!labels.isArray() || labels.size() > ExtraDnsLabels.MAX_NAMES) {
                throw new IllegalArgumentException("extra_dns_labels must be an array of at most "
                        + ExtraDnsLabels.MAX_NAMES + " names");
            }
            List<String> names = new ArrayList<>();
            for (JsonNode label : labels) {
                if (!label.isTextual()) {
                    throw new IllegalArgumentException("extra_dns_labels must hold text only");
                }
                names.add(label.asText());
            }
            return ExtraDnsLabels.of(names);
        }
    }
}
