package io.netloom.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.gateway.protocol.ChannelBinding;
import io.netloom.gateway.protocol.GatewaySignIn;
import io.netloom.gateway.protocol.Wire;
import io.netloom.gateway.protocol.X25519Keys;
import io.netloom.gateway.tls.TlsChannels;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The peer's side of the sign-in on a freshly upgraded WebSocket: reads the gateway's challenge,
 * answers with a proof bound to this connection, and accepts the gateway only when its welcome proves
 * the gateway key over the same connection. Runs on the socket's event loop; {@code setup} is called
 * on admission, with the features the welcome names, before the gateway's first map can be handled.
 */
final class SignInExchange {

    /** Close code the peer uses when the other end cannot prove it is the gateway (RFC 6455 policy violation). */
    static final short NOT_THE_GATEWAY = 1008;
    private static final short PROTOCOL_ERROR = 1002;
    private static final int MAX_FEATURES = 32;
    private static final int MAX_FEATURE_CHARS = 64;

    private final WebSocket socket;
    private final X25519Keys keys;
    private final byte[] gatewayPublicKey;
    private final long serial;
    private final String model;
    private final String daemonVersion;
    private final List<String> extraDnsLabels;
    private final GatewayClient.Admitted setup;
    private final Promise<WebSocket> admitted = Promise.promise();
    private GatewaySignIn signIn;
    private long deadline = -1;

    private SignInExchange(WebSocket socket, X25519Keys keys, byte[] gatewayPublicKey, long serial, String model,
            String daemonVersion, List<String> extraDnsLabels, GatewayClient.Admitted setup) {
        this.socket = socket;
        this.keys = keys;
        this.gatewayPublicKey = gatewayPublicKey;
        this.serial = serial;
        this.model = model;
        this.daemonVersion = daemonVersion;
        this.extraDnsLabels = extraDnsLabels;
        this.setup = setup;
    }

    /** Starts listening for the challenge; the future completes once the gateway has admitted this peer. */
    static Future<WebSocket> run(Vertx vertx, WebSocket socket, X25519Keys keys, byte[] gatewayPublicKey, long serial,
            String model, String daemonVersion, List<String> extraDnsLabels, GatewayClient.Admitted setup,
            Duration patience) {
        SignInExchange exchange = new SignInExchange(socket, keys, gatewayPublicKey, serial, model, daemonVersion,
                extraDnsLabels, setup);
        socket.textMessageHandler(exchange::onText);
        socket.binaryMessageHandler(ignored -> exchange.abandon(PROTOCOL_ERROR, "binary frame during sign-in"));
        socket.closeHandler(ignored -> exchange.admitted.tryFail(
                new SignInRefusedException(socket.closeStatusCode() == null ? 1006 : socket.closeStatusCode(),
                        socket.closeReason())));
        exchange.deadline = vertx.setTimer(patience.toMillis(),
                ignored -> exchange.abandon(PROTOCOL_ERROR, "no welcome within " + patience.toSeconds() + " s"));
        exchange.admitted.future().onComplete(ignored -> vertx.cancelTimer(exchange.deadline));
        return exchange.admitted.future();
    }

    private void onText(String text) {
        JsonNode message;
        try {
            message = Wire.read(text);
        } catch (Exception e) {
            abandon(PROTOCOL_ERROR, "the gateway sent a message that is not JSON during sign-in");
            return;
        }
        String type = message.path("type").asText("");
        if (signIn == null && type.equals("challenge")) {
            answer(message);
        } else if (signIn != null && type.equals("welcome")) {
            welcome(message);
        } else {
            abandon(PROTOCOL_ERROR, "the gateway sent '" + type + "' during sign-in");
        }
    }

    private void answer(JsonNode challenge) {
        ChannelBinding binding;
        try {
            binding = TlsChannels.bindingOf(socket);
            signIn = new GatewaySignIn(Base64.getDecoder().decode(challenge.path("nonce").asText("")), binding);
        } catch (IllegalArgumentException e) {
            abandon(PROTOCOL_ERROR, "the gateway's challenge is malformed: " + e.getMessage());
            return;
        } catch (IllegalStateException e) {
            abandon(PROTOCOL_ERROR, "cannot bind the sign-in to this connection: " + e.getMessage());
            return;
        }
        socket.writeTextMessage(Wire.signIn(keys.publicKeyBase64(), signIn.peerProof(keys, gatewayPublicKey), serial,
                model, daemonVersion, extraDnsLabels));
    }

    private void welcome(JsonNode welcome) {
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(welcome.path("proof").asText(""));
        } catch (IllegalArgumentException e) {
            proof = new byte[0];
        }
        if (!signIn.isGatewayProof(keys, gatewayPublicKey, proof)) {
            abandon(NOT_THE_GATEWAY, "the other end did not prove the gateway key on this connection");
            return;
        }
        setup.accept(socket, features(welcome.path("features")));
        admitted.tryComplete(socket);
    }

    /**
     * The optional messages the gateway takes; an older gateway names none. A list that is not one of short strings
     * counts as none: the peer then only leaves out what it may not send anyway.
     */
    private static Set<String> features(JsonNode named) {
        if (!named.isArray() || named.size() > MAX_FEATURES) {
            return Set.of();
        }
        Set<String> features = new HashSet<>();
        for (JsonNode feature : named) {
            if (!feature.isTextual() || feature.asText().length() > MAX_FEATURE_CHARS) {
                return Set.of();
            }
            features.add(feature.asText());
        }
        return Set.copyOf(features);
    }

    private void abandon(short code, String why) {
        if (admitted.tryFail(new IllegalStateException(why))) {
            socket.close(code, why.length() > 120 ? why.substring(0, 120) : why);
        }
    }
}
