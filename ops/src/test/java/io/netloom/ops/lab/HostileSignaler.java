package io.netloom.ops.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netloom.gateway.client.GatewayClient;
import io.netloom.gateway.protocol.SignalCipher;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An enrolled but hostile peer, run inside the lab's "internet" namespace by the end-to-end test: it
 * sends a victim signals that do not authenticate, sealed offers that are not JSON, and offers with
 * impossible candidates. The victim must log them, show them in status, and keep its tunnels.
 * Prints its own peer id so the test can remove it afterwards.
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
            GatewayClient client = new GatewayClient(vertx, 1, ServerTrust.pinned(CertificateFingerprint.parse(
                    enrollment.get("gateway").get("certificate_fingerprint").asText())));
            WebSocket socket = client.connect(URI.create(enrollment.get("gateway").get("url").asText()), keys, gatewayKey,
                    -1, "hostile", ws -> ws.textMessageHandler(text -> victimKeyFrom(text, victim, victimKey)))
                    .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            byte[] victimPublicKey = X25519Keys.decodePublicKey(victimKey.get(20, TimeUnit.SECONDS));
            // Let the victim's own map catch up with this new peer, so its signals are judged, not unknown.
            Thread.sleep(1000);
            long seq = System.currentTimeMillis() * 1000;

            socket.writeTextMessage(Wire.signalTo(victim, "offer", ++seq,
                    new SignalCipher.Sealed("AAAAAAAAAAAAAAAA", "bm90IHNlYWxlZCBmb3IgeW91")));
            seq = sealed(socket, keys, victimPublicKey, ownId, victim, ++seq, "offer", "{not json");
            seq = sealed(socket, keys, victimPublicKey, ownId, victim, ++seq, "offer",
                    "{\"session\":\"x\",\"ufrag\":\"u\",\"password\":\"p\",\"candidates\":[{\"type\":\"host\","
                            + "\"ip\":\"999.1.2.3\",\"port\":70000}]}");
            sealed(socket, keys, victimPublicKey, ownId, victim, ++seq, "nonsense", "{}");
            Thread.sleep(500);
            socket.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            System.out.println(ownId);
        } finally {
            vertx.close();
        }
    }

    private static long sealed(WebSocket socket, X25519Keys keys, byte[] victimKey, String from, String to, long seq,
            String kind, String payload) {
        SignalCipher.Sealed sealed = SignalCipher.seal(keys, victimKey, SignalCipher.associatedData(from, to, kind, seq),
                payload.getBytes(StandardCharsets.UTF_8));
        socket.writeTextMessage(Wire.signalTo(to, kind, seq, sealed));
        return seq;
    }

    private static void victimKeyFrom(String text, String victim, CompletableFuture<String> key) {
        try {
            JsonNode message = JSON.readTree(text);
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
