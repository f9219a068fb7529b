package io.netloom.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.daemon.DaemonJson;
import io.netloom.daemon.control.ControlClient;
import io.netloom.daemon.control.ControlRequest;
import io.netloom.daemon.control.ControlServer;
import io.netloom.daemon.control.RecordingRoutes;
import io.netloom.testsupport.fuzz.FuzzCampaign;
import io.netloom.daemon.status.DaemonStatus;
import io.netloom.daemon.status.ServiceStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.lifecycle.PropagationMode;

/**
 * Fuzzes both ends of the control socket. The daemon's end answers any request bytes with one JSON
 * line, stops only when asked to in so many words and keeps serving; the CLI's end reads any answer
 * as a status it can print (plain and detailed) or refuses it with an {@link IOException} it reports,
 * never with another exception.
 */
@AddLifecycleHook(value = FuzzCampaign.class, propagateTo = PropagationMode.DIRECT_DESCENDANTS)
class ControlSocketFuzzTest {

    private static final DaemonStatus STATUS = new DaemonStatus("test", 4242L, service(), service(), "peer-1", "key",
            "100.64.0.1", "a.netloom.internal", "wt0", "userspace", 51820, 3L, null, List.of(), List.of("a problem"));
    private static final String STATUS_JSON = write(STATUS);

    private Path directory;
    private ControlServer server;
    private final AtomicInteger stops = new AtomicInteger();

    @BeforeProperty
    void listen() throws IOException {
        directory = Files.createTempDirectory("netloom-control-fuzz");
        server = ControlServer.start(directory.resolve("daemon.sock"), () -> STATUS, stops::incrementAndGet,
                new RecordingRoutes(List.of()));
    }

    @AfterProperty
    void close() throws IOException {
        server.close();
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }

    @Property
    void requestWhenBytesAreAnythingThenOneJsonAnswerAndStopOnlyWhenAskedAndStillServing(
            @ForAll("requests") byte[] request) throws IOException {
        int stopsBefore = stops.get();
        boolean askedToStop = isDownRequest(request);
        String answer;
        try {
            answer = exchange(directory.resolve("daemon.sock"), request);
        } catch (SocketException reset) {
            // The daemon reads 4 KiB at most and answers; a longer request may be cut off mid-write.
            assertThat(request.length).as("a reset only for an over-long request").isGreaterThan(4096);
            answer = null;
        }
        if (answer != null) {
            assertThat(answer).endsWith("\n").doesNotContain("Exception");
            JsonNode reply = DaemonJson.MAPPER.readTree(answer);
            assertThat(reply.isObject()).isTrue();
            assertThat(reply.has("error") || reply.has("peer_id") || askedToStop).as(answer).isTrue();
        }
        awaitStops(stopsBefore + (askedToStop ? 1 : 0));
        assertThat(stops.get()).as("stops after %s", answer).isEqualTo(stopsBefore + (askedToStop ? 1 : 0));
        assertThat(new ControlClient(directory.resolve("daemon.sock")).status()).isEqualTo(STATUS);
    }

    @Property
    void statusWhenDaemonAnswersAnythingThenAPrintableStatusOrAReadableRefusal(@ForAll("answers") byte[] answer)
            throws Exception {
        Path socket = directory.resolve("fake-daemon.sock");
        Files.deleteIfExists(socket);
        try (ServerSocketChannel fake = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            fake.bind(UnixDomainSocketAddress.of(socket));
            CompletableFuture<Void> daemon = CompletableFuture.runAsync(() -> answerOnce(fake, answer));
            try {
                DaemonStatus status = new ControlClient(socket).status();
                assertThat(new StatusView(status).render(false)).isNotNull();
                assertThat(new StatusView(status).render(true)).isNotNull();
                assertThat(DaemonJson.MAPPER.writeValueAsString(status)).isNotBlank();
            } catch (IOException refused) {
                assertThat(refused.getMessage()).isNotBlank();
            }
            daemon.join();
        }
    }

    @Provide
    Arbitrary<byte[]> requests() {
        Arbitrary<String> command = Arbitraries.oneOf(
                Arbitraries.of("\"status\"", "\"down\"", "\"DOWN\"", "\"down \"", "null", "5", "true", "[\"down\"]",
                        "{\"command\":\"down\"}", "\"\\u0064own\""),
                Arbitraries.strings().all().ofMaxLength(40).map(ControlSocketFuzzTest::quoted));
        Arbitrary<String> json = Combinators.combine(command, Arbitraries.of("", ",\"x\":1", ",\"command\":\"status\"",
                ",\"command\":\"down\""), Arbitraries.of("", "\n", "\n{\"command\":\"down\"}\n", " trailing", "}"))
                .as((value, extra, tail) -> "{\"command\":" + value + extra + "}" + tail);
        Arbitrary<byte[]> text = Arbitraries.oneOf(json, Arbitraries.strings().all().ofMaxLength(200),
                        Arbitraries.strings().all().ofMinLength(4000).ofMaxLength(4200))
                .map(value -> value.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        return Arbitraries.frequencyOf(Tuple.of(5, text), Tuple.of(1, raw));
    }

    @Provide
    Arbitrary<byte[]> answers() {
        Arbitrary<String> mutatedStatus = Combinators.combine(Arbitraries.of("daemon_version", "pid", "management",
                        "gateway", "peer_id", "wireguard_port", "map_serial", "peers", "problems", "since", "state"),
                Arbitraries.of("null", "5", "-1", "9223372036854775808", "true", "\"text\"", "[]", "{}", "[null]",
                        "[{\"id\":1}]", "{\"url\":null}", "\"2026-13-45T99:00:00Z\"", "1e999"))
                .as((field, value) -> STATUS_JSON.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[^,{}\\[\\]]+|\\{[^}]*\\}|\\[[^\\]]*\\])",
                        "\"" + field + "\":" + java.util.regex.Matcher.quoteReplacement(value)));
        Arbitrary<String> truncated = Arbitraries.integers().between(0, STATUS_JSON.length())
                .map(length -> STATUS_JSON.substring(0, length));
        Arbitrary<String> other = Arbitraries.oneOf(Arbitraries.of("", "null", "[]", "{}", "{\"error\":5}",
                "{\"error\":null}", "{\"error\":{}}", STATUS_JSON + STATUS_JSON, "\"status\""),
                Arbitraries.strings().all().ofMaxLength(200));
        return Arbitraries.frequencyOf(Tuple.of(4, mutatedStatus), Tuple.of(2, truncated), Tuple.of(2, other))
                .map(text -> text.getBytes(StandardCharsets.UTF_8));
    }

    /** What the daemon takes as "down": a first line that is a control request naming that command. */
    private static boolean isDownRequest(byte[] request) {
        String text = new String(request, 0, Math.min(request.length, 4096), StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        try {
            ControlRequest parsed = DaemonJson.MAPPER.readValue(end < 0 ? text : text.substring(0, end),
                    ControlRequest.class);
            return ControlRequest.DOWN.equals(parsed.command());
        } catch (IOException notARequest) {
            return false;
        }
    }

    private void awaitStops(int expected) {
        for (int i = 0; i < 200 && stops.get() < expected; i++) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String exchange(Path socket, byte[] request) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(request));
            channel.shutdownOutput();
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void answerOnce(ServerSocketChannel fake, byte[] answer) {
        try (SocketChannel client = fake.accept()) {
            Channels.newInputStream(client).readAllBytes();
            client.write(ByteBuffer.wrap(answer));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quoted(String value) {
        try {
            return DaemonJson.MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(DaemonStatus status) {
        try {
            return DaemonJson.MAPPER.writeValueAsString(status);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ServiceStatus service() {
        return new ServiceStatus("https://203.0.113.1:8080", "connected", Instant.parse("2026-11-26T01:00:00Z"), null);
    }
}
