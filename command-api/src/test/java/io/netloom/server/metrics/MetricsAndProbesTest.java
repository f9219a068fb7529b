package io.netloom.server.metrics;

import static io.netloom.server.testing.TestData.createGroup;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.gateway.client.GatewayClient;
import io.netloom.server.config.NetloomProperties;
import io.netloom.server.testing.MapCapturingDevice;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestData;
import io.netloom.server.testing.TestPeers;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The management port (ADR 0050) of the shared test server: probes open and bare, the scrape behind its token and
 * showing what a real command and a real gateway session did, the read-model check behind the operator's token (ADR
 * 0053), and no actuator at all on the API's port.
 */
class MetricsAndProbesTest extends ServerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalManagementPort
    private int managementPort;

    @LocalServerPort
    private int apiPort;

    @Autowired
    private NetloomProperties properties;

    @Autowired
    private HealthEndpointGroups healthGroups;

    @Autowired
    private NetloomHealthIndicator netloomHealth;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void probesWhenAnonymousThenStatusAndNothingElse() throws Exception {
        assertThat(managementPort).as("a random port of its own, as the API's: tests run side by side")
                .isNotIn(apiPort, 8081);
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> response = get(managementPort, probe, null);
            assertThat(response.statusCode()).as(probe).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.propertyNames()).as(probe + ": status only").containsExactly("status");
            assertThat(body.get("status").asString()).isEqualTo("UP");
        }
    }

    @Test
    void readinessIncludesTheNetloomIndicatorWhichSeesTheMapsCurrentAndTheGatewayListening() {
        assertThat(healthGroups.get("readiness").isMember("netloom")).isTrue();
        assertThat(healthGroups.get("liveness").isMember("netloom")).as("liveness stays Boot's own").isFalse();
        var health = netloomHealth.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsKeys("networkMapLag", "gatewayPort");
    }

    @Test
    void scrapeWhenWithoutOrWithAWrongTokenThen401() throws Exception {
        for (String authorization : new String[] {null, "Bearer wrong", "Token " + scrapeToken(), "Bearer "}) {
            HttpResponse<String> response = get(managementPort, "/actuator/prometheus", authorization);
            assertThat(response.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(JSON.readTree(response.body()).get("message").asString())
                    .contains("Authorization: Bearer").contains("netloom.metrics.token-file")
                    .doesNotContain(scrapeToken());
        }
    }

    @Test
    void scrapeTokenWhenCreatedThenOnlyTheServersUserReadsIt() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile()))).isEqualTo("rw-------");
        assertThat(scrapeToken()).startsWith("nlm_").hasSizeGreaterThan(30);
    }

    @Test
    void readModelsWhenWithoutTheOperatorTokenThen401AndWithTheScrapeTokenThen403() throws Exception {
        for (String authorization : new String[] {null, "Bearer wrong", "Token " + operatorToken()}) {
            HttpResponse<String> response = get(managementPort, "/actuator/readmodels", authorization);
            assertThat(response.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(JSON.readTree(response.body()).get("message").asString())
                    .contains("operator token").contains("netloom.metrics.operator-token-file")
                    .doesNotContain(operatorToken());
        }
        HttpResponse<String> scraper = get(managementPort, "/actuator/readmodels", "Bearer " + scrapeToken());
        assertThat(scraper.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(scraper.body()).get("message").asString()).contains("operator token");
        assertThat(get(managementPort, "/actuator/prometheus", "Bearer " + operatorToken()).statusCode())
                .as("each token opens its own endpoint only").isEqualTo(404);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(operatorTokenFile())))
                .isEqualTo("rw-------");
        assertThat(operatorToken()).isNotEqualTo(scrapeToken());
    }

    @Test
    void readModelsWithTheOperatorTokenThenComparesTheLiveModelsWithAReplay() throws Exception {
        NetloomApi.Client owner = accounts.newAccount();
        createGroup(owner, "checked-" + System.nanoTime());

        HttpResponse<String> response = get(managementPort, "/actuator/readmodels", "Bearer " + operatorToken());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.get("position").asLong()).isPositive();
        assertThat(report.get("events_replayed").asLong()).isPositive();
        assertThat(report.get("live_checksum").asString()).hasSize(64);
        // Other tests of this server alter stored events on purpose (EventsApiTest): the answer may be DIFFERENT,
        // but never for the account written here, and it must agree with the checksums.
        assertThat(report.get("equal").asBoolean())
                .isEqualTo(report.get("live_checksum").asString().equals(report.get("replayed_checksum").asString()));
        assertThat(report.get("differences").valueStream().map(JsonNode::asString))
                .noneMatch(difference -> difference.contains(TestData.accountId(owner)));
    }

    @Test
    void scrapeWhenACommandWentThroughTheApiThenCommandsEventsAndAxonsProcessorsAreThere() throws Exception {
        NetloomApi.Client owner = accounts.newAccount();
        createGroup(owner, "metrics-" + System.nanoTime());
        String all = owner.get("/api/groups").body().valueStream()
                .filter(group -> group.get("name").asString().equals("All")).findFirst().orElseThrow()
                .get("id").asString();
        assertThat(owner.delete("/api/groups/{groupId}", all).status()).as("the All group stays").isEqualTo(412);

        String scrape = scrape();
        assertThat(sample(scrape, "netloom_commands_seconds_count", "command=\"CreateGroupCommand\"", "outcome=\"ok\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(sample(scrape, "netloom_commands_seconds_count", "command=\"CreateGroupCommand\"",
                "outcome=\"failed\"")).as("every outcome from zero").isZero();
        assertThat(sample(scrape, "netloom_commands_seconds_count", "command=\"DeleteGroupCommand\"",
                "outcome=\"rejected\"")).isGreaterThanOrEqualTo(1);
        assertThat(sample(scrape, "netloom_events_appended_total", "type=\"GroupCreatedEvent\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape).as("Axon's meters of the network-map processor, by tag")
                .containsPattern("(?m)^eventProcessor_\\w+\\{.*processorName=\"network-map")
                .as("without client-side quantiles")
                .doesNotContainPattern("(?m)^(eventProcessor|commandBus)_\\w+\\{.*quantile=");
        assertThat(scrape).contains("netloom_readmodel_lag ").contains("netloom_paths{type=\"relayed\"}");
    }

    @Test
    void scrapeWhenAPeerConnectsThenItsSessionAndItsMapAreCounted() throws Exception {
        NetloomApi.Client owner = accounts.newAccount();
        double fullMapsBefore = sample(scrape(), "netloom_maps_pushed_total", "kind=\"full\"");
        MapCapturingDevice laptop = MapCapturingDevice.enroll(api, TestPeers.createReusableKey(owner, List.of()),
                "laptop");
        Vertx vertx = Vertx.vertx();
        try {
            laptop.connect(new GatewayClient(vertx, 8));
            laptop.awaitSerial(0);
            String connected = scrape();
            assertThat(sample(connected, "netloom_gateway_sessions")).isGreaterThanOrEqualTo(1);
            assertThat(sample(connected, "netloom_maps_pushed_total", "kind=\"full\"")).isGreaterThan(fullMapsBefore);

            laptop.close();
            awaitSessionsBelow(sample(connected, "netloom_gateway_sessions"));
        } finally {
            laptop.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void actuatorWhenAskedOnTheApiPortThenNotFoundEvenWithTheToken() throws Exception {
        for (String path : List.of("/actuator", "/actuator/health", "/actuator/health/readiness",
                "/actuator/prometheus", "/actuator/readmodels", "/actuator/env")) {
            assertThat(get(apiPort, path, null).statusCode()).as(path).isEqualTo(404);
            assertThat(get(apiPort, path, "Bearer " + scrapeToken()).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void managementPortWhenAskedForAnythingButProbesAndScrapeThenNotFound() throws Exception {
        for (String path : List.of("/actuator", "/actuator/health", "/actuator/env", "/actuator/beans",
                "/actuator/heapdump", "/actuator/metrics", "/actuator/health/db")) {
            assertThat(get(managementPort, path, "Bearer " + scrapeToken()).statusCode()).as(path).isEqualTo(404);
            assertThat(get(managementPort, path, null).statusCode()).as(path).isEqualTo(404);
        }
        // The API's security applies on both ports, but past it the management port has no API to answer.
        assertThat(get(managementPort, "/api/accounts", accounts.newAccount().authorization()).statusCode())
                .isEqualTo(404);
    }

    private void awaitSessionsBelow(double value) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (sample(scrape(), "netloom_gateway_sessions") >= value) {
            assertThat(System.nanoTime()).as("the closed session is no longer counted").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = get(managementPort, "/actuator/prometheus", "Bearer " + scrapeToken());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The value of the one sample of {@code name} with all of {@code labels}; fails when there is none. */
    private static double sample(String scrape, String name, String... labels) {
        return scrape.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> List.of(labels).stream().allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name + " " + List.of(labels) + " in:\n" + scrape));
    }

    private Path tokenFile() {
        return properties.dataDir().resolve("keys").resolve("metrics-token");
    }

    private Path operatorTokenFile() {
        return properties.dataDir().resolve("keys").resolve("operator-token");
    }

    private String operatorToken() throws Exception {
        return Files.readString(operatorTokenFile()).strip();
    }

    private String scrapeToken() throws Exception {
        return Files.readString(tokenFile()).strip();
    }

    private HttpResponse<String> get(int port, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(PATIENCE);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
