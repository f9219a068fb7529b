package io.netloom.ops.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netloom.gateway.client.GatewayClient;
import io.netloom.gateway.protocol.PeerSignalChannel;
import io.netloom.gateway.protocol.SealedSignal;
import io.netloom.gateway.protocol.Wire;
import io.netloom.gateway.protocol.X25519Keys;
import io.netloom.tls.CertificateFingerprint;
import io.netloom.tls.ServerTrust;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An enrolled but hostile peer, run inside the lab's "internet" namespace by the end-to-end test: it
 * sends a victim a handshake sealed with a key that is not its own, then, over a genuine handshake,
 * an offer that is not JSON and an answer with impossible candidates, and last a signal of a kind
 * nobody knows. The victim must log them, show them in status, and keep its tunnels. Prints its
 * own peer id so the test can remove it afterwards.
 */
public final class HostileSignaler {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Arguments: management URL, setup key file, victim's peer id, the server's certificate fingerprint. */
    public static void main(String[] args) throws Exception {
        URI management = URI.create(args[0]);
        String setupKey = Files.readString(Path.of(args[1])).trim();
        String victim = args[2];
        ServerTrust server = ServerTrust.pinned(CertificateFingerprint.parse(args[3]));
        X25519Keys keys = X25519Keys.generate();
        JsonNode enrollment = enroll(management, server, setupKey, keys);
        String ownId = enrollment.get("peer_id").asText();
        byte[] gatewayKey = X25519Keys.decodePublicKey(enrollment.get("gateway").get("public_key").asText());

        Vertx vertx = Vertx.vertx();
        try {
            CompletableFuture<String> victimKey = new CompletableFuture<>();
            LinkedBlockingQueue<JsonNode> signals = new LinkedBlockingQueue<>();
            GatewayClient client = new GatewayClient(vertx, 1, ServerTrust.pinned(CertificateFingerprint.parse(
                    enrollment.get("gateway").get("certificate_fingerprint").asText())));
            WebSocket socket = client.connect(URI.create(enrollment.get("gateway").get("url").asText()), keys, gatewayKey,
                    -1, "hostile", ws -> ws.textMessageHandler(text -> received(text, victim, victimKey, signals)))
                    .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            byte[] victimPublicKey = X25519Keys.decodePublicKey(victimKey.get(20, TimeUnit.SECONDS));
            // Let the victim's own map catch up with this new peer, so its signals are judged, not unknown.
            Thread.sleep(1000);
            AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);

            PeerSignalChannel forged = new PeerSignalChannel(ownId, X25519Keys.generate(), victim, victimPublicKey,
                    sequence::incrementAndGet);
            send(socket, victim, forged.send(PeerSignalChannel.OFFER, utf8("{}")));

            PeerSignalChannel genuine = new PeerSignalChannel(ownId, keys, victim, victimPublicKey, sequence::incrementAndGet);
            send(socket, victim, genuine.send(PeerSignalChannel.OFFER, utf8("{not json")));
            JsonNode reply = signals.poll(20, TimeUnit.SECONDS);
            // The victim may be opening a negotiation of its own with this peer: only its reply matters here.
            while (reply != null && !reply.get("kind").asText().equals(PeerSignalChannel.HANDSHAKE_REPLY)) {
                reply = signals.poll(20, TimeUnit.SECONDS);
            }
            if (reply == null) {
                throw new IllegalStateException("the victim did not answer the handshake");
            }
            send(socket, victim, genuine.receive(new SealedSignal(reply.get("kind").asText(), reply.get("seq").asLong(),
                    reply.get("nonce").asText(), reply.get("ciphertext").asText())).replies());
            send(socket, victim, genuine.send(PeerSignalChannel.ANSWER, utf8("{\"v\":2,\"session\":\"x\",\"ufrag\":\"u\","
                    + "\"password\":\"p\",\"candidates\":[{\"type\":\"host\",\"ip\":\"999.1.2.3\",\"port\":70000}]}")));
            socket.writeTextMessage(Wire.signalTo(victim, new SealedSignal("nonsense", sequence.incrementAndGet(),
                    "AAAAAAAAAAAAAAAA", "AAAA")));
            Thread.sleep(500);
            socket.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            System.out.println(ownId);
        } finally {
            vertx.close();
        }
    }

    private static void send(WebSocket socket, String to, List<SealedSignal> signals) {
        signals.forEach(signal -> socket.writeTextMessage(Wire.signalTo(to, signal)));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void received(String text, String victim, CompletableFuture<String> key,
            LinkedBlockingQueue<JsonNode> signals) {
        try {
            JsonNode message = JSON.readTree(text);
            if (message.path("type").asText().equals("signal")) {
                signals.add(message);
            }
            if (message.path("type").asText().equals("map")) {
                for (JsonNode peer : message.get("map").get("remote_peers")) {
                    if (peer.get("id").asText().equals(victim)) {
                        key.complete(peer.get("public_key").asText());
                    }
                }
            }
        } catch (Exception e) {
            key.completeExceptionally(e);
        }
    }

    private static JsonNode enroll(URI management, ServerTrust server, String setupKey, X25519Keys keys)
            throws Exception {
        String body = JSON.writeValueAsString(Map.of("setup_key", setupKey, "wireguard_public_key",
                keys.publicKeyBase64(), "hostname", "hostile", "os", "Linux", "kernel_version", "-",
                "daemon_version", "hostile"));
        HttpResponse<String> response = HttpClient.newBuilder().sslContext(server.sslContext()).build()
                .send(HttpRequest.newBuilder(
                        management.resolve("/api/netloom/enroll")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("enrollment answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
