package io.netloom.daemon.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.daemon.DaemonJson;
import io.netloom.daemon.status.DaemonStatus;
import io.netloom.daemon.status.RouteStatus;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The CLI's side of the control socket. */
public final class ControlClient {

    /** A daemon that accepts but never answers (hung, or being replaced) must not hang the CLI. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private final Path socket;

    public ControlClient(Path socket) {
        this.socket = socket;
    }

    /** Whether a daemon answers on the socket (a stale socket file from a killed daemon does not). */
    public boolean isDaemonRunning() {
        if (!Files.exists(socket)) {
            return false;
        }
        try {
            status();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public DaemonStatus status() throws IOException {
        return DaemonJson.MAPPER.treeToValue(ask(ControlRequest.STATUS), DaemonStatus.class);
    }

    public void down() throws IOException {
        ask(ControlRequest.DOWN);
    }

    public List<RouteStatus> routes() throws IOException {
        return routesIn(ask(new ControlRequest(ControlRequest.ROUTES)));
    }

    /** Selects or deselects routes by network id, or all of them; answers the routes as they stand afterwards. */
    public List<RouteStatus> chooseRoutes(boolean select, List<String> networkIds, boolean all) throws IOException {
        return routesIn(ask(new ControlRequest(select ? ControlRequest.SELECT_ROUTES : ControlRequest.DESELECT_ROUTES,
                networkIds, all)));
    }

    private static List<RouteStatus> routesIn(JsonNode reply) throws IOException {
        return List.of(DaemonJson.MAPPER.treeToValue(reply.path("routes"), RouteStatus[].class));
    }

    private JsonNode ask(String command) throws IOException {
        return ask(new ControlRequest(command));
    }

    private JsonNode ask(ControlRequest request) throws IOException {
        String command = request.command();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                AnswerDeadline deadline = AnswerDeadline.closeAfter(channel, ANSWER_TIMEOUT)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            String line = DaemonJson.MAPPER.writeValueAsString(request) + "\n";
            channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            channel.shutdownOutput();
            JsonNode reply;
            try {
                reply = DaemonJson.MAPPER.readTree(Channels.newInputStream(channel).readAllBytes());
            } catch (ClosedChannelException timedOut) {
                throw new IOException("the daemon did not answer '" + command + "' within "
                        + ANSWER_TIMEOUT.toSeconds() + " s");
            }
            if (reply == null || !reply.isObject()) {
                throw new IOException("the daemon's answer to '" + command + "' is not a JSON object");
            }
            if (reply.has("error")) {
                throw new IOException("the daemon refused '" + command + "': " + reply.get("error").asText());
            }
            return reply;
        }
    }
}
