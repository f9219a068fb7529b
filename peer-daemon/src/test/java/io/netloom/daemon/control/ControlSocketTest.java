package io.netloom.daemon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.daemon.status.DaemonStatus;
import io.netloom.daemon.status.RouteStatus;
import io.netloom.daemon.status.ServiceStatus;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlSocketTest {

    @TempDir
    Path directory;

    private final DaemonStatus status = new DaemonStatus("test", 4242L, service(), service(), "peer-1", "key", "100.64.0.1",
            "a.netloom.internal", "wt0", "userspace", 51820, 3L, null, List.of(), List.of("a problem"));
    private final RouteStatus office = new RouteStatus("office", "198.18.1.0/24", false, true, "r1",
            List.of(new RouteStatus.RoutingPeer("r1", "route-1", 100, "connected", 1.5)));
    private final RecordingRoutes routes = new RecordingRoutes(List.of(office));

    @Test
    void statusWhenDaemonListensThenItsStatusArrivesAndSocketIsOwnerOnly() throws Exception {
        Path socket = directory.resolve("daemon.sock");
        try (ControlServer server = ControlServer.start(socket, () -> status, () -> { }, routes)) {
            ControlClient client = new ControlClient(socket);

            assertThat(client.isDaemonRunning()).isTrue();
            assertThat(client.status()).isEqualTo(status);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
        }
        assertThat(Files.exists(socket)).isFalse();
    }

    @Test
    void downWhenAskedThenDaemonToldToStop() throws Exception {
        Path socket = directory.resolve("daemon.sock");
        CountDownLatch stopped = new CountDownLatch(1);
        try (ControlServer server = ControlServer.start(socket, () -> status, stopped::countDown, routes)) {
            new ControlClient(socket).down();

            assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void requestWhenMalformedOrUnknownThenErrorAnswerAndServerKeepsServing() throws Exception {
        Path socket = directory.resolve("daemon.sock");
        try (ControlServer server = ControlServer.start(socket, () -> status, () -> { }, routes)) {
            assertThat(raw(socket, "garbage")).contains("not a JSON control request");
            assertThat(raw(socket, "{\"command\":\"reboot\"}")).contains("unknown command 'reboot'");

            assertThat(new ControlClient(socket).status().peerId()).isEqualTo("peer-1");
        }
    }

    @Test
    void routesWhenListedOrChosenThenDaemonAnswersAndRecordsTheChoice() throws Exception {
        Path socket = directory.resolve("daemon.sock");
        try (ControlServer server = ControlServer.start(socket, () -> status, () -> { }, routes)) {
            ControlClient client = new ControlClient(socket);

            assertThat(client.routes()).containsExactly(office);
            assertThat(client.chooseRoutes(false, List.of("office"), false)).containsExactly(office);
            client.chooseRoutes(true, List.of(), true);

            assertThat(routes.choices).containsExactly("deselect office", "select --all");
        }
    }

    @Test
    void chooseRoutesWhenNetworkIdUnknownOrNoneNamedThenReadableErrorAndNothingRecorded() throws Exception {
        Path socket = directory.resolve("daemon.sock");
        try (ControlServer server = ControlServer.start(socket, () -> status, () -> { }, routes)) {
            ControlClient client = new ControlClient(socket);

            assertThatThrownBy(() -> client.chooseRoutes(true, List.of("ofice"), false))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("no route has network id ofice");
            assertThat(raw(socket, "{\"command\":\"select_routes\"}")).contains("name network ids or ask for all");
            assertThat(routes.choices).isEmpty();
        }
    }

    @Test
    void isDaemonRunningWhenSocketFileIsStaleThenFalse() throws Exception {
        Path socket = directory.resolve("daemon.sock");
        Files.createFile(socket);

        ControlClient client = new ControlClient(socket);

        assertThat(client.isDaemonRunning()).isFalse();
        assertThatThrownBy(client::status).isInstanceOf(IOException.class);
    }

    private static String raw(Path socket, String line) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.shutdownOutput();
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ServiceStatus service() {
        return new ServiceStatus("http://203.0.113.1:8080", "connected", Instant.parse("2026-11-26T01:00:00Z"), null);
    }
}
