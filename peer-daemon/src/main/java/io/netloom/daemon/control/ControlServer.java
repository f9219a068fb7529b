package io.netloom.daemon.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netloom.daemon.DaemonJson;
import io.netloom.daemon.status.DaemonStatus;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's local control socket: a UNIX socket with mode 0600, so only its owner (root) can ask
 * for status or stop the daemon. One JSON request line, one JSON answer line per connection.
 */
public final class ControlServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);
    private static final ObjectMapper JSON = DaemonJson.MAPPER;
    private static final int MAX_REQUEST_BYTES = 4096;
    /** A client that connects and says nothing must not block the next one for long. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Path path;
    private final ServerSocketChannel server;
    private final Supplier<DaemonStatus> status;
    private final Runnable down;
    private final RouteControl routes;
    private final Thread acceptor;

    private ControlServer(Path path, ServerSocketChannel server, Supplier<DaemonStatus> status, Runnable down,
            RouteControl routes) {
        this.path = path;
        this.server = server;
        this.status = status;
        this.down = down;
        this.routes = routes;
        this.acceptor = new Thread(this::serve, "control-socket");
        this.acceptor.setDaemon(true);
    }

    public static ControlServer start(Path path, Supplier<DaemonStatus> status, Runnable down, RouteControl routes)
            throws IOException {
        Files.deleteIfExists(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        ControlServer control = new ControlServer(path, server, status, down, routes);
        control.acceptor.start();
        return control;
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept();
                    AnswerDeadline deadline = AnswerDeadline.closeAfter(client, REQUEST_TIMEOUT)) {
                answer(client);
            } catch (IOException | RuntimeException e) {
                // One bad exchange must never leave the daemon without its control socket.
                if (server.isOpen()) {
                    log.warn("control request failed: {}", e.toString());
                }
            }
        }
    }

    private void answer(SocketChannel client) throws IOException {
        String line = readLine(client);
        Object reply;
        boolean stop = false;
        try {
            ControlRequest request = JSON.readValue(line, ControlRequest.class);
            switch (request.command() == null ? "" : request.command()) {
                case ControlRequest.STATUS -> reply = status.get();
                case ControlRequest.DOWN -> {
                    reply = Map.of("result", "stopping");
                    stop = true;
                }
                case ControlRequest.ROUTES -> reply = Map.of("routes", routes.routes());
                case ControlRequest.SELECT_ROUTES, ControlRequest.DESELECT_ROUTES -> reply = choose(request);
                default -> reply = Map.of("error", "unknown command '" + request.command() + "'");
            }
        } catch (IOException malformed) {
            reply = Map.of("error", "the request is not a JSON control request");
        }
        client.write(ByteBuffer.wrap((JSON.writeValueAsString(reply) + "\n").getBytes(StandardCharsets.UTF_8)));
        if (stop) {
            Thread stopper = new Thread(down, "daemon-down");
            stopper.start();
        }
    }

    private Object choose(ControlRequest request) {
        if (request.all() == !request.networkIds().isEmpty()) {
            return Map.of("error", "name network ids or ask for all of them, not both or neither");
        }
        try {
            return Map.of("routes", routes.choose(ControlRequest.SELECT_ROUTES.equals(request.command()),
                    request.networkIds(), request.all()));
        } catch (IllegalArgumentException | IOException e) {
            return Map.of("error", String.valueOf(e.getMessage()));
        }
    }

    private static String readLine(SocketChannel client) throws IOException {
        byte[] bytes = Channels.newInputStream(client).readNBytes(MAX_REQUEST_BYTES);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.debug("control socket not removed: {}", e.getMessage());
        }
    }
}
