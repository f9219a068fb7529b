package io.netloom.ops.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lab's cluster (ADR 0060): two server processes in nl-inet on one PostgreSQL of their own ({@code lab.sh postgres
 * start}, {@code lab.sh server start --instance N}), sharing the keys directory and the certificate devices pin, their
 * gateways one Hazelcast cluster on 203.0.113.1. Each lists its own gateway URL first, so a device enrolled through
 * instance N signs in at N's gateway.
 */
final class LabCluster {

    static final Server FIRST = new Server(1);
    static final Server SECOND = new Server(2);

    /** A line of Spring Boot's log: its timestamp, in UTC. */
    private static final Pattern LOG_TIME = Pattern.compile("(?m)^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+)Z ");

    private LabCluster() {
    }

    static void startDatabase() {
        Lab.check(Lab.script("postgres", "start"));
    }

    /** The fingerprint of the one certificate every instance serves (instance 1 generated it; the others copy it). */
    static String fingerprint() {
        try {
            return Files.readString(FIRST.dataDirectory().resolve("server-fingerprint")).strip();
        } catch (IOException e) {
            throw new AssertionError("instance 1 wrote no fingerprint: " + e.getMessage(), e);
        }
    }

    /** One server process of the cluster, with lab.sh's ports for it. */
    record Server(int instance) {

        String url() {
            return "https://203.0.113.1:" + (8080 + 10 * (instance - 1));
        }

        String gatewayUrl() {
            return "wss://203.0.113.1:" + (33079 + instance) + "/v2/peer";
        }

        Path dataDirectory() {
            return Lab.LAB_DIR.resolve("server" + instance);
        }

        Path log() {
            return Lab.LAB_DIR.resolve("server" + instance + ".log");
        }

        Server other() {
            return instance == 1 ? SECOND : FIRST;
        }

        /** Starts the process and waits until its API answers and it is ready (its gateway in the cluster). */
        void start() {
            Lab.check(Lab.script("server", "start", "--instance", String.valueOf(instance)));
        }

        /**
         * Kills the process with SIGKILL, as {@code lab.sh server kill --instance N} does, but from here, so that the
         * instant returned is the signal's, without a shell's start in between: the failover times count from it.
         */
        Instant kill() {
            Path pidFile = Lab.LAB_DIR.resolve("server" + instance + ".pid");
            ProcessHandle process;
            try {
                process = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
                        .orElseThrow(() -> new AssertionError("server instance " + instance + " is not running"));
                Files.delete(pidFile);
            } catch (IOException e) {
                throw new AssertionError("server instance " + instance + " has no pid file: " + e.getMessage(), e);
            }
            Instant killed = Instant.now();
            process.destroyForcibly();
            process.onExit().join();
            return killed;
        }

        /** The admin of the lab's account, at this process (the token instance 1 wrote when it made the account). */
        LabApi api() {
            return LabApi.admin(url(), dataDirectory().resolve("tls/server.crt"),
                    FIRST.dataDirectory().resolve("admin-token"));
        }

        /** How many characters the log holds now: where {@link #loggedAfter} starts reading. */
        long logLength() {
            try {
                return Files.exists(log()) ? Files.size(log()) : 0;
            } catch (IOException e) {
                throw new AssertionError("cannot read " + log() + ": " + e.getMessage(), e);
            }
        }

        /**
         * When the process logged {@code text} after the log's first {@code offset} bytes: the time of the log line
         * that holds it or, for a continuation line (Hazelcast's member lists), of the line it continues.
         */
        Optional<Instant> loggedAfter(long offset, String text) {
            String tail;
            try {
                byte[] bytes = Files.readAllBytes(log());
                tail = new String(bytes, (int) Math.min(offset, bytes.length), (int) Math.max(0, bytes.length - offset),
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AssertionError("cannot read " + log() + ": " + e.getMessage(), e);
            }
            int at = tail.indexOf(text);
            if (at < 0) {
                return Optional.empty();
            }
            Matcher time = LOG_TIME.matcher(tail.substring(0, at + text.length()));
            String last = null;
            while (time.find()) {
                last = time.group(1);
            }
            return Optional.ofNullable(last).map(stamp -> LocalDateTime.parse(stamp).toInstant(ZoneOffset.UTC));
        }

        @Override
        public String toString() {
            return "server instance " + instance;
        }
    }
}
