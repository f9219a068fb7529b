package io.netloom.daemon.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.netloom.tls.ServerTrust;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the enrollment request carries for each credential: the server side of a person's enrollment is built
 * elsewhere (identity), so this endpoint records the request and refuses it as an unknown server would.
 */
class EnrollmentClientCredentialTest {

    private static final DeviceInfo DEVICE = new DeviceInfo("laptop", "linux", "6.1", "0.1.0");

    private final AtomicReference<String> authorization = new AtomicReference<>();
    private final AtomicReference<String> body = new AtomicReference<>();
    private HttpServer server;

    @BeforeEach
    void endpoint() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/netloom/enroll", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] refusal = "{\"message\":\"token not accepted here\",\"code\":401}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, refusal.length);
            exchange.getResponseBody().write(refusal);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void enrollWhenAPersonSignedInThenBearerTokenInTheHeaderAndNoSetupKeyInTheBody() {
        assertThatThrownBy(() -> client().enroll(url(), new EnrollmentClient.Credential.AccessToken("person-token"),
                "cHVibGljLWtleQ==", DEVICE, List.of("db", "web")))
                .hasMessageContaining("refused the enrollment (401): token not accepted here")
                .hasMessageNotContaining("person-token");

        assertThat(authorization.get()).isEqualTo("Bearer person-token");
        assertThat(body.get()).doesNotContain("setup_key").contains("\"wireguard_public_key\":\"cHVibGljLWtleQ==\"")
                .contains("\"extra_dns_labels\":[\"db\",\"web\"]");
    }

    @Test
    void enrollWhenASetupKeyIsGivenThenInTheBodyAndNoAuthorizationHeader() {
        assertThatThrownBy(() -> client().enroll(url(), "the-setup-key", "cHVibGljLWtleQ==", DEVICE))
                .hasMessageContaining("refused the enrollment (401)");

        assertThat(authorization.get()).isNull();
        assertThat(body.get()).contains("\"setup_key\":\"the-setup-key\"").contains("\"extra_dns_labels\":[]");
    }

    private static EnrollmentClient client() {
        return new EnrollmentClient(ServerTrust.certificateAuthorities(), Clock.systemUTC());
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
