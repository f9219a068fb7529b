package io.netloom.daemon.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netloom.daemon.DaemonJson;
import io.netloom.enrollment.PeerConfiguration;
import io.netloom.tls.CertificateFingerprint;
import io.netloom.tls.ServerTrust;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Enrolls a device with the management server: presents a setup key or a signed-in person's access token, and
 * the device's public key, receives its configuration. The setup key or token is sent only here, over the
 * management URL, to a server {@code trust} accepts, and is never logged.
 */
public final class EnrollmentClient {

    private static final ObjectMapper JSON = DaemonJson.MAPPER;

    private final ServerTrust trust;
    private final HttpClient http;
    private final Clock clock;

    public EnrollmentClient(ServerTrust trust, Clock clock) {
        this.trust = trust;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).sslContext(trust.sslContext()).build();
        this.clock = clock;
    }

    /** What proves the right to join: a setup key, or the access token of the person who signed in. */
    public sealed interface Credential {
        /** Sent in the body as {@code setup_key}. */
        record SetupKey(String key) implements Credential {
            @Override
            public String toString() {
                return "SetupKey[hidden]";
            }
        }

        /** Sent as {@code Authorization: Bearer}; the peer becomes the person's. */
        record AccessToken(String token) implements Credential {
            @Override
            public String toString() {
                return "AccessToken[hidden]";
            }
        }
    }

    public Enrollment enroll(URI managementUrl, String setupKey, String publicKey, DeviceInfo device)
            throws EnrollmentException {
        return enroll(managementUrl, new Credential.SetupKey(setupKey), publicKey, device, List.of());
    }

    /** @param extraDnsLabels all the extra DNS labels the device asks for (ADR 0046); none clears them */
    public Enrollment enroll(URI managementUrl, Credential credential, String publicKey, DeviceInfo device,
            List<String> extraDnsLabels) throws EnrollmentException {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (credential instanceof Credential.SetupKey setupKey) {
            fields.put("setup_key", setupKey.key());
        }
        fields.put("wireguard_public_key", publicKey);
        fields.put("hostname", device.hostname());
        fields.put("os", device.os());
        fields.put("kernel_version", device.kernelVersion());
        fields.put("daemon_version", device.daemonVersion());
        fields.put("extra_dns_labels", List.copyOf(extraDnsLabels));
        String body;
        try {
            body = JSON.writeValueAsString(fields);
        } catch (IOException e) {
            throw new IllegalStateException("strings and a list of them always serialize", e);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(managementUrl.resolve("/api/netloom/enroll"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (credential instanceof Credential.AccessToken accessToken) {
            builder.header("Authorization", "Bearer " + accessToken.token());
        }
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new EnrollmentException(trust.refusalBehind(e).map(refusal -> refused(managementUrl, refusal))
                    .orElseGet(() -> "cannot reach the management server at " + managementUrl + ": "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnrollmentException("enrollment interrupted");
        }
        if (response.statusCode() != 200) {
            throw new EnrollmentException("the management server refused the enrollment ("
                    + response.statusCode() + "): " + messageOf(response.body()));
        }
        try {
            PeerConfiguration configuration = JSON.readValue(response.body(), PeerConfiguration.class);
            if (configuration.peerId() == null || configuration.overlayIp() == null || configuration.gateway() == null
                    || configuration.gateway().urls().isEmpty()) {
                throw new EnrollmentException("the management server's answer lacks the peer id, address or gateway");
            }
            requireReadableGatewayFingerprint(configuration.gateway());
            return new Enrollment(managementUrl.toString(), clock.instant(), configuration,
                    trust.pin().map(CertificateFingerprint::text).orElse(null));
        } catch (IOException e) {
            throw new EnrollmentException("the management server's answer is not a peer configuration");
        }
    }

    /** What the person must know: what was expected, what the server presented, and how to go on. */
    private static String refused(URI managementUrl, ServerTrust.Refusal refusal) {
        if (refusal.pinMismatch()) {
            return "refusing the management server at " + managementUrl + ": it presented a certificate with "
                    + "SHA-256 fingerprint " + refusal.presented() + ", but the expected fingerprint "
                    + "(--server-fingerprint) is " + refusal.expected() + ". Nothing was sent. If the server's "
                    + "certificate was replaced on purpose, enroll again with the fingerprint in the server's "
                    + "<data-dir>/server-fingerprint";
        }
        return "the management server at " + managementUrl + " is not trusted: " + refusal.reason()
                + " (it presented a certificate with SHA-256 fingerprint " + refusal.presented() + "). Nothing was "
                + "sent. If the server uses the certificate it generated itself, pass --server-fingerprint with the "
                + "fingerprint the server wrote to <data-dir>/server-fingerprint and printed in its log at start, "
                + "once you have checked that it is the one above";
    }

    private static void requireReadableGatewayFingerprint(PeerConfiguration.Gateway gateway)
            throws EnrollmentException {
        if (gateway.certificateFingerprint() != null) {
            try {
                CertificateFingerprint.parse(gateway.certificateFingerprint());
            } catch (IllegalArgumentException e) {
                throw new EnrollmentException("the management server's answer names the gateway's certificate with "
                        + "an unreadable fingerprint");
            }
        }
    }

    private static String messageOf(String body) {
        try {
            JsonNode message = JSON.readTree(body).get("message");
            if (message != null && message.isTextual()) {
                return message.asText();
            }
        } catch (IOException notJson) {
            // fall through: show nothing rather than an HTML error page
        }
        return "no reason given";
    }

    /** Enrollment failed; the message is meant for the person running the CLI. */
    public static final class EnrollmentException extends Exception {
        public EnrollmentException(String message) {
            super(message);
        }
    }
}
