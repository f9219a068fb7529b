package io.netloom.server.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.gateway.client.GatewayClient;
import io.netloom.projections.directory.DirectoryProjection;
import io.netloom.server.api.live.PeerFeedProjection;
import io.netloom.server.database.EmbeddedDatabase;
import io.netloom.server.enrollment.GatewayIdentity;
import io.netloom.server.testing.MapCapturingDevice;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.StandaloneServers;
import io.netloom.server.testing.TestData;
import io.netloom.server.testing.TestPeers;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two server processes — two Spring contexts with data directories, keys and ports of their own — on one PostgreSQL
 * started by the test (ADR 0055): whatever one acknowledged, the other shows right away, through its API and its
 * gateway, without the test waiting for anything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActiveActiveReadModelsTest {

    @TempDir
    static Path work;

    private EmbeddedDatabase database;
    private ConfigurableApplicationContext first;
    private ConfigurableApplicationContext second;
    private NetloomApi apiOfFirst;
    private NetloomApi apiOfSecond;
    private String token;
    private final Vertx vertx = Vertx.vertx();

    @BeforeAll
    void startTwoServersOnOneDatabase() throws Exception {
        database = EmbeddedDatabase.start(work.resolve("postgres"));
        String[] shared = StandaloneServers.on(database);
        first = StandaloneServers.startInsecure(work.resolve("first"), shared);
        second = StandaloneServers.startInsecure(work.resolve("second"), shared);
        token = Files.readString(work.resolve("first/admin-token")).strip();
        apiOfFirst = new NetloomApi(StandaloneServers.apiPort(first));
        apiOfSecond = new NetloomApi(StandaloneServers.apiPort(second));
    }

    @AfterAll
    void stopEverything() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void groupChangesWhenAcknowledgedByOneProcessThenReadThroughTheOtherAtOnce() {
        NetloomApi.Client viaFirst = apiOfFirst.as(token);
        NetloomApi.Client viaSecond = apiOfSecond.as(token);
        for (int round = 0; round < 5; round++) {
            NetloomApi.Response created = viaFirst.post("/api/groups", TestData.group("group " + round, List.of()));
            assertThat(created.status()).as(created.rawBody()).isEqualTo(200);
            String id = created.text("id");

            NetloomApi.Response read = viaSecond.get("/api/groups/{groupId}", id);
            assertThat(read.status()).as(read.rawBody()).isEqualTo(200);
            assertThat(read.text("name")).isEqualTo("group " + round);

            // And back: a change acknowledged by the second process, read through the first.
            NetloomApi.Response renamed = viaSecond.put("/api/groups/{groupId}",
                    TestData.group("renamed " + round, List.of()), id);
            assertThat(renamed.status()).as(renamed.rawBody()).isEqualTo(200);
            assertThat(viaFirst.get("/api/groups/{groupId}", id).text("name")).isEqualTo("renamed " + round);
        }
    }

    @Test
    void peerWhenEnrolledThroughOneProcessThenListedAndAdmittedByTheOther() throws Exception {
        String setupKey = TestPeers.createReusableKey(apiOfFirst.as(token), List.of());
        String listed = TestPeers.enroll(apiOfFirst.anonymous(), setupKey, "listed");
        NetloomApi.Response read = apiOfSecond.as(token).get("/api/peers/{peerId}", listed);
        assertThat(read.status()).as(read.rawBody()).isEqualTo(200);
        assertThat(read.text("name")).isEqualTo("listed");

        // Straight from the first process's enrollment to the second's gateway: no read through the second's API
        // made it catch up first, the gateway's own second look at an unknown key does.
        MapCapturingDevice device = MapCapturingDevice.enroll(apiOfFirst, setupKey, "roaming");
        byte[] secondGatewayKey = Base64.getDecoder().decode(second.getBean(GatewayIdentity.class).publicKeyBase64());
        device.connect(new GatewayClient(vertx, 8), StandaloneServers.gatewayPort(second), secondGatewayKey);
        device.close();
    }

    /** ADR 0049's ordering, kept in a tracking processor: the feed sees the directory as it was before each event. */
    @Test
    void readModelProcessorWhenStartedThenFeedHandlesEachEventBeforeTheDirectory() {
        EventProcessingConfiguration processing = first.getBean(EventProcessingConfiguration.class);
        TrackingEventProcessor processor = processing.eventProcessor(DirectoryProjection.PROCESSING_GROUP,
                TrackingEventProcessor.class).orElseThrow();

        assertThat(processor.isRunning()).isTrue();
        assertThat(handlerTypes(processor.eventHandlerInvoker()))
                .containsExactly(PeerFeedProjection.class, DirectoryProjection.class);
        assertThat(processing.eventProcessors()).doesNotContainKeys("directory", "peer-feed");
    }

    private static List<Class<?>> handlerTypes(EventHandlerInvoker invoker) {
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            return multi.delegates().stream().flatMap(delegate -> handlerTypes(delegate).stream()).toList();
        }
        return ((SimpleEventHandlerInvoker) invoker).eventHandlers().stream()
                .map(handler -> ((AnnotationEventHandlerAdapter) handler).getTargetType()).<Class<?>>map(type -> type)
                .toList();
    }
}
