package io.netloom.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * Several server processes ({@link JarServers}) on one PostgreSQL outside them ({@link ExternalPostgres}), as an
 * operator runs a cluster (README, "Several server processes"): each with its own data directory and ports, all with
 * one keys directory, one Hazelcast cluster of a name of their own, and every gateway's URL, their own first.
 */
public final class ServerCluster implements AutoCloseable {

    private final Path work;
    private final ExternalPostgres database;
    private final JarServers jars;
    private final String name = "netloom-test-" + UUID.randomUUID();
    private final List<Member> members = new ArrayList<>();

    /** One server process: where it keeps its data, its ports, and the process while it runs. */
    public final class Member {

        private final int index;
        private final JarServers.Ports ports;
        private final int gatewayPort;
        private final int hazelcastPort;
        private int starts;
        private Process process;

        private Member(int index) throws IOException {
            this.index = index;
            this.ports = JarServers.Ports.free();
            this.gatewayPort = JarServers.freePort();
            this.hazelcastPort = JarServers.freePort();
        }

        public int index() {
            return index;
        }

        public int apiPort() {
            return ports.api();
        }

        public URI gatewayUrl() {
            return URI.create("ws://127.0.0.1:" + gatewayPort + "/v2/peer");
        }

        /** The API as the first account's admin. */
        public NetloomApi.Client api() {
            return new NetloomApi(ports.api()).as(adminToken());
        }

        public Path dataDir() {
            return work.resolve("server-" + index);
        }

        /** Peer id to "connected", as this process's API lists them. */
        public Map<String, Boolean> connected() {
            Map<String, Boolean> connected = new HashMap<>();
            for (JsonNode peer : TestData.ok(api().get("/api/peers")).body()) {
                connected.put(peer.get("id").asString(), peer.get("connected").asBoolean());
            }
            return connected;
        }

        /** Group id to name, as this process's API lists them. */
        public Map<String, String> groups() {
            Map<String, String> groups = new LinkedHashMap<>();
            for (JsonNode group : TestData.ok(api().get("/api/groups")).body()) {
                groups.put(group.get("id").asString(), group.get("name").asString());
            }
            return groups;
        }

        /** The outcome of the operator's check of this process's read models against a replay (ADR 0053). */
        public String readModelCheck() throws IOException, InterruptedException {
            return jars.readModelCheck(ports.management(), work.resolve("keys/operator-token"));
        }

        /** Starts the process (again, after a kill) and waits until it is ready: its gateway in the cluster. */
        public void start() throws IOException, InterruptedException {
            List<String> arguments = new ArrayList<>(List.of("--netloom.data-dir=" + dataDir(),
                    "--netloom.keys-dir=" + work.resolve("keys"), "--netloom.gateway.port=" + gatewayPort,
                    "--netloom.gateway.urls=" + String.join(",", gatewayUrlsOwnFirst().stream().map(URI::toString)
                            .toList()),
                    "--netloom.cluster.name=" + name, "--netloom.cluster.host=127.0.0.1",
                    "--netloom.cluster.port=" + hazelcastPort,
                    "--netloom.cluster.members=" + String.join(",", members.stream()
                            .map(member -> "127.0.0.1:" + member.hazelcastPort).toList())));
            arguments.addAll(database.serverArguments());
            starts++;
            process = jars.start(logName(), ports, arguments);
            jars.awaitReady(ports);
        }

        /** Whether this start's log has a line containing {@code text} yet. */
        public boolean logSays(String text) throws IOException {
            try (var lines = Files.lines(jars.log(logName()))) {
                return lines.anyMatch(line -> line.contains(text));
            }
        }

        private String logName() {
            return "server-" + index + (starts == 1 ? "" : "-start-" + starts) + ".log";
        }

        /** SIGKILL, as {@code kill -9} or the out-of-memory killer: no shutdown hook, no goodbye to anyone. */
        public void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("128 + SIGKILL: destroyForcibly is kill -9").isEqualTo(137);
        }

        /**
         * SIGSTOP: the process hangs with its sockets open, as one whose machine froze or whose network is cut
         * without a reset. Nothing tells the others; they notice by silence. {@link #kill()} ends it.
         */
        public void freeze() throws IOException, InterruptedException {
            Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).inheritIO().start();
            assertThat(stop.waitFor()).as("kill -STOP " + process.pid()).isZero();
        }

        /** What each device enrolled through this process is told: every gateway, this process's own first. */
        public List<URI> gatewayUrlsOwnFirst() {
            List<URI> urls = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                urls.add(members.get((index + i) % members.size()).gatewayUrl());
            }
            return urls;
        }
    }

    private ServerCluster(Path work, Path logs, int size) throws IOException {
        this.work = work;
        this.database = ExternalPostgres.start(work.resolve("database"));
        this.jars = new JarServers(logs);
        for (int i = 0; i < size; i++) {
            members.add(new Member(i));
        }
    }

    /**
     * Starts {@code size} processes with their data under {@code work} and their logs in {@code logs}: the first
     * alone (it creates the schema and the first account), then the others together.
     */
    public static ServerCluster start(Path work, Path logs, int size) throws IOException, InterruptedException {
        Files.createDirectories(logs);
        ServerCluster cluster = new ServerCluster(work, logs, size);
        try {
            cluster.members.get(0).start();
            Concurrently.run(size - 1, i -> {
                try {
                    cluster.members.get(i + 1).start();
                    return i;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            });
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public Member member(int index) {
        return members.get(index);
    }

    public List<Member> members() {
        return List.copyOf(members);
    }

    /** The first account's admin token, which the first process wrote. */
    public String adminToken() {
        try {
            return Files.readString(members.get(0).dataDir().resolve("admin-token")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Which PostgreSQL this is, for the output. */
    public String databaseKind() {
        return database.kind();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            jars.close();
        } finally {
            database.close();
        }
    }
}
