package io.netloom.daemon.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.link.CommandResult;
import io.netloom.daemon.link.Commands;
import io.netloom.daemon.link.RootTools;
import io.netloom.daemon.map.ForwardRule;
import io.netloom.daemon.map.ServedRoute;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the routing peer's forwarding on real packets. Namespace {@code nlt-rr-r} is the routing peer: its
 * "overlay" interface {@code nlt-rr-wg} is a veth to the client namespace {@code nlt-rr-c} (which has an allowed
 * and a disallowed overlay address), its LAN interface a veth to host {@code nlt-rr-h}, which runs no Netloom and
 * answers HTTP on ports 80 and 81 with the address it sees the request come from. The client answers the same way,
 * for traffic the LAN opens towards the overlay. No namespace has a link to the machine's own network.
 */
class RoutingPeerForwardingTest {

    private static final String ROUTER = "nlt-rr-r";
    private static final String CLIENT = "nlt-rr-c";
    private static final String HOST = "nlt-rr-h";
    private static final String OVERLAY_INTERFACE = "nlt-rr-wg";
    private static final String ROUTER_OVERLAY_ADDRESS = "100.64.250.1";
    private static final String ALLOWED_CLIENT = "100.64.250.2";
    private static final String OTHER_CLIENT = "100.64.250.3";
    private static final String ROUTER_LAN_ADDRESS = "198.18.250.1";
    private static final String HOST_ADDRESS = "198.18.250.2";
    private static final String LAN = "198.18.250.0/24";
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** Answers HTTP requests on the ports in its arguments with the client address; ends with its stdin. */
    private static final String SERVER = """
            import socket, sys, threading
            def serve(port):
                s = socket.socket()
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.bind(("0.0.0.0", port))
                s.listen(16)
                while True:
                    c, a = s.accept()
                    try:
                        c.recv(4096)
                        body = a[0].encode()
                        c.sendall(b"HTTP/1.0 200 OK\\r\\nContent-Length: %d\\r\\n\\r\\n" % len(body) + body)
                    finally:
                        c.close()
            for port in sys.argv[1:]:
                threading.Thread(target=serve, args=(int(port),), daemon=True).start()
            print("listening", flush=True)
            sys.stdin.read()
            """;

    private static final List<Process> servers = new ArrayList<>();

    @TempDir
    Path directory;

    @BeforeAll
    static void createLab() throws IOException {
        RootTools.assumeRootWith("ip", "nft", "curl", "python3");
        deleteLab();
        for (String namespace : List.of(ROUTER, CLIENT, HOST)) {
            Commands.run("ip", "netns", "add", namespace);
            Commands.run("ip", "-n", namespace, "link", "set", "lo", "up");
        }
        link(ROUTER, OVERLAY_INTERFACE, CLIENT, "nlt-rr-cw");
        link(ROUTER, "nlt-rr-lan", HOST, "nlt-rr-hl");
        Commands.run("ip", "-n", ROUTER, "address", "add", ROUTER_OVERLAY_ADDRESS + "/24", "dev", OVERLAY_INTERFACE);
        Commands.run("ip", "-n", ROUTER, "address", "add", ROUTER_LAN_ADDRESS + "/24", "dev", "nlt-rr-lan");
        Commands.run("ip", "-n", CLIENT, "address", "add", ALLOWED_CLIENT + "/24", "dev", "nlt-rr-cw");
        Commands.run("ip", "-n", CLIENT, "address", "add", OTHER_CLIENT + "/24", "dev", "nlt-rr-cw");
        Commands.run("ip", "-n", HOST, "address", "add", HOST_ADDRESS + "/24", "dev", "nlt-rr-hl");
        // What a client's route and the LAN's route back to the overlay (site to site) would do.
        Commands.run("ip", "-n", CLIENT, "route", "add", LAN, "via", ROUTER_OVERLAY_ADDRESS);
        Commands.run("ip", "-n", HOST, "route", "add", "100.64.250.0/24", "via", ROUTER_LAN_ADDRESS);
        Commands.run("ip", "netns", "exec", ROUTER, "sysctl", "-q", "-w", "net.ipv4.ip_forward=0");
        servers.add(startServer(HOST, "80", "81"));
        servers.add(startServer(CLIENT, "80"));
    }

    @AfterAll
    static void deleteLab() throws IOException {
        for (Process server : servers) {
            server.destroy();
            try {
                server.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        servers.clear();
        for (String namespace : List.of(ROUTER, CLIENT, HOST)) {
            if (Files.exists(Path.of("/run/netns", namespace))) {
                Commands.run("ip", "netns", "del", namespace);
            }
        }
    }

    @Test
    void forwardWhenMasqueradeIsOnThenTheHostSeesTheRoutersLanAddress() throws Exception {
        try (RoutingPeer router = RoutingPeer.start(directory)) {
            router.serve(List.of(new ServedRoute("r1", "office", LAN, true)),
                    List.of(new ForwardRule(ALLOWED_CLIENT, LAN, "tcp", List.of("80"))));

            assertThat(awaitGet(CLIENT, ALLOWED_CLIENT, HOST_ADDRESS, 80)).isEqualTo(ROUTER_LAN_ADDRESS);
        }
    }

    @Test
    void forwardWhenOnlyTcp80IsAllowedThenOtherPortsAndOtherSourcesAreDropped() throws Exception {
        try (RoutingPeer router = RoutingPeer.start(directory)) {
            router.serve(List.of(new ServedRoute("r1", "office", LAN, true)),
                    List.of(new ForwardRule(ALLOWED_CLIENT, LAN, "tcp", List.of("80"))));
            awaitGet(CLIENT, ALLOWED_CLIENT, HOST_ADDRESS, 80);

            assertThat(get(CLIENT, ALLOWED_CLIENT, HOST_ADDRESS, 81)).as("the allowed client on port 81").isNull();
            assertThat(get(CLIENT, OTHER_CLIENT, HOST_ADDRESS, 80)).as("a client no rule allows").isNull();

            // The same requests pass once a rule allows them: it was the filter that dropped them.
            router.serve(List.of(new ServedRoute("r1", "office", LAN, true)),
                    List.of(new ForwardRule(ALLOWED_CLIENT, LAN, "tcp", List.of("80")),
                            new ForwardRule(OTHER_CLIENT, LAN, "all", List.of())));
            assertThat(awaitGet(CLIENT, OTHER_CLIENT, HOST_ADDRESS, 81)).isEqualTo(ROUTER_LAN_ADDRESS);
        }
    }

    @Test
    void forwardWhenMasqueradeIsOffThenSourcesArePreservedBothWays() throws Exception {
        try (RoutingPeer router = RoutingPeer.start(directory)) {
            router.serve(List.of(new ServedRoute("r2", "site-a", LAN, false)),
                    List.of(new ForwardRule(ALLOWED_CLIENT, LAN, "all", List.of())));

            assertThat(awaitGet(CLIENT, ALLOWED_CLIENT, HOST_ADDRESS, 81)).isEqualTo(ALLOWED_CLIENT);
            // Site to site: the LAN opens a connection into the overlay; only the replies come back through the filter.
            assertThat(awaitGet(HOST, HOST_ADDRESS, ALLOWED_CLIENT, 80)).isEqualTo(HOST_ADDRESS);
        }
    }

    @Test
    void serveWhenTheRoutingPeerStopsServingAndExitsThenForwardingIsPutBackAndTheTableIsGone() throws Exception {
        try (RoutingPeer router = RoutingPeer.start(directory)) {
            router.serve(List.of(new ServedRoute("exit", "exit-node", "0.0.0.0/0", true)),
                    List.of(new ForwardRule(ALLOWED_CLIENT, "0.0.0.0/0", "all", List.of())));
            assertThat(forwardingInRouter()).isEqualTo("1");

            router.serve(List.of(), List.of());
            assertThat(forwardingInRouter()).isEqualTo("0");
            assertThat(get(CLIENT, ALLOWED_CLIENT, HOST_ADDRESS, 80)).as("forwarded after serving stopped").isNull();

            router.serve(List.of(new ServedRoute("r1", "office", LAN, true)), List.of());
            assertThat(forwardingInRouter()).isEqualTo("1");
        }

        assertThat(forwardingInRouter()).isEqualTo("0");
        assertThat(Commands.run("ip", "netns", "exec", ROUTER, "nft", "list", "tables"))
                .doesNotContain(FirewallRuleset.tableName(OVERLAY_INTERFACE));
        assertThat(directory.resolve("ip-forward-before")).doesNotExist();
    }

    private static void link(String namespace, String name, String otherNamespace, String otherName)
            throws IOException {
        Commands.run("ip", "-n", namespace, "link", "add", name, "type", "veth", "peer", "name", otherName,
                "netns", otherNamespace);
        Commands.run("ip", "-n", namespace, "link", "set", name, "up");
        Commands.run("ip", "-n", otherNamespace, "link", "set", otherName, "up");
    }

    private static Process startServer(String namespace, String... ports) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "python3", "-c", SERVER));
        command.addAll(List.of(ports));
        Process server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String first = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (!"listening".equals(first)) {
            server.destroy();
            throw new IOException("the HTTP server in " + namespace + " did not start");
        }
        return server;
    }

    private static String forwardingInRouter() throws IOException {
        return Commands.run("ip", "netns", "exec", ROUTER, "cat", "/proc/sys/net/ipv4/ip_forward").strip();
    }

    /** The address the server saw the request come from, once one gets through; fails after {@link #DEADLINE}. */
    private static String awaitGet(String namespace, String source, String server, int port) throws Exception {
        long end = System.nanoTime() + DEADLINE.toNanos();
        for (String seen = get(namespace, source, server, port); ; seen = get(namespace, source, server, port)) {
            if (seen != null) {
                return seen;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("no answer from " + server + ":" + port + " to " + source + " within "
                        + DEADLINE.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    /** The address the server saw the request come from, or null when no answer came within 2 s. */
    private static String get(String namespace, String source, String server, int port) throws IOException {
        CommandResult result = Commands.execute(List.of("ip", "netns", "exec", namespace, "curl", "-s",
                "--max-time", "2", "--interface", source, "http://" + server + ":" + port + "/"),
                null, Commands.DEFAULT_TIMEOUT);
        return result.succeeded() ? result.stdout().strip() : null;
    }

    /** {@link RoutingPeerProcess} in the router's namespace; closing it is the daemon going down. */
    private static final class RoutingPeer implements AutoCloseable {

        private final Path directory;
        private final Process process;
        private final Writer commands;
        private final BufferedReader answers;
        private int scripts;

        private RoutingPeer(Path directory, Process process) {
            this.directory = directory;
            this.process = process;
            this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static RoutingPeer start(Path directory) throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process process = new ProcessBuilder("ip", "netns", "exec", ROUTER, java,
                    "-cp", System.getProperty("java.class.path"), RoutingPeerProcess.class.getName(),
                    OVERLAY_INTERFACE, directory.resolve("ip-forward-before").toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            return new RoutingPeer(directory, process);
        }

        void serve(List<ServedRoute> served, List<ForwardRule> rules) throws IOException {
            RenderedRuleset rendered = FirewallRuleset.compile(OVERLAY_INTERFACE, List.of(),
                    new ForwardFilter("100.64.250.1/24", served, rules));
            assertThat(rendered.problems()).isEmpty();
            Path script = Files.writeString(directory.resolve("script-" + ++scripts + ".nft"), rendered.script());
            commands.write(script + " " + rendered.forwards() + "\n");
            commands.flush();
            awaitAnswer(RoutingPeerProcess.APPLIED);
        }

        @Override
        public void close() throws Exception {
            commands.close();
            awaitAnswer(RoutingPeerProcess.DONE);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        private void awaitAnswer(String expected) throws IOException {
            for (String line = answers.readLine(); line != null; line = answers.readLine()) {
                if (line.equals(expected)) {
                    return;
                }
            }
            throw new IOException("the routing peer ended without answering " + expected);
        }
    }
}
