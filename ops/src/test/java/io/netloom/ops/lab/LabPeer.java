package io.netloom.ops.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A device of the lab (host a, b, c, u or d) running the real {@code netloom} CLI and daemon, trusting the lab's relay
 * CA for {@code turns:} ({@code --relay-ca}).
 */
final class LabPeer {

    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PACKETS = Pattern.compile("counter packets (\\d+)");
    private static final String JAR = Lab.REPOSITORY.resolve("peer-daemon/target/netloom.jar").toString();

    final String host;
    final String interfaceName;
    final Path stateDirectory;

    LabPeer(String host) {
        this.host = host;
        this.interfaceName = "wt-" + host;
        this.stateDirectory = Lab.LAB_DIR.resolve("peer-" + host);
    }

    /** {@code netloom up}; with a setup key it enrolls, pinning the certificate the server generated. */
    Lab.Result up(Path setupKeyFile) {
        return up(setupKeyFile, setupKeyFile == null ? null : Lab.serverFingerprint());
    }

    Lab.Result up(Path setupKeyFile, String serverFingerprint) {
        return up(Lab.SERVER_URL, setupKeyFile, serverFingerprint);
    }

    /** {@code netloom up} at the management server {@code managementUrl}: one process of the cluster, say. */
    Lab.Result up(String managementUrl, Path setupKeyFile, String serverFingerprint) {
        List<String> command = netloom("up", "--management-url", managementUrl, "--interface-name", interfaceName,
                "--relay-ca", Lab.RELAY_CA.toString());
        if (setupKeyFile != null) {
            command.addAll(List.of("--setup-key-file", setupKeyFile.toString()));
        }
        if (serverFingerprint != null) {
            command.addAll(List.of("--server-fingerprint", serverFingerprint));
        }
        return Lab.in(host, command.toArray(String[]::new));
    }

    /** {@code netloom up} of an enrolled device with more options, e.g. {@code --extra-dns-labels}. */
    Lab.Result upWith(String... options) {
        List<String> command = netloom("up", "--management-url", Lab.SERVER_URL, "--interface-name", interfaceName,
                "--relay-ca", Lab.RELAY_CA.toString());
        command.addAll(List.of(options));
        return Lab.in(host, command.toArray(String[]::new));
    }

    /** {@code netloom up} without a setup key: the person signs in with the code the device shows. */
    DeviceSignIn upSigningIn() {
        return DeviceSignIn.start(host, netloom("up", "--management-url", Lab.SERVER_URL, "--interface-name",
                interfaceName, "--relay-ca", Lab.RELAY_CA.toString(), "--server-fingerprint", Lab.serverFingerprint(),
                "--no-browser"));
    }

    /** {@code netloom login}: the person signs in again on this device, which keeps its key and peer. */
    DeviceSignIn loginAgain() {
        return DeviceSignIn.start(host, netloom("login", "--no-browser"));
    }

    Lab.Result down() {
        return cli("down");
    }

    /**
     * Kills the daemon and its wireguard-go with SIGKILL, as a crash would: nothing is cleaned up, nobody is told.
     * The daemon is the process in the host's namespace started with {@code --foreground} (by {@code netloom up}).
     */
    void crash() {
        String pids = Lab.check(Lab.run(List.of("ip", "netns", "pids", Lab.namespace(host)), 10)).output();
        ProcessHandle daemon = pids.lines().map(String::strip).filter(pid -> !pid.isEmpty()).map(Long::parseLong)
                .flatMap(pid -> ProcessHandle.of(pid).stream())
                .filter(process -> process.info().arguments().map(List::of).orElse(List.of()).contains("--foreground"))
                .findFirst().orElseThrow(() -> new AssertionError("no daemon runs on " + host));
        List<ProcessHandle> killed = new ArrayList<>(daemon.descendants().toList());
        killed.add(0, daemon);
        killed.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : killed) {
            process.onExit().join();
        }
    }

    /**
     * A CLI command. Those that start no daemon run on the CLI's class-data archive ({@link CliClassArchive}): the
     * tests ask for {@code status} hundreds of times, about 0.4 s a call that way instead of about 1 s on this
     * 2-core machine, and on C1 only ({@link #C1_ONLY}), over before the optimising compiler would pay off. Never
     * {@code up} or {@code login}: the daemon they start takes the CLI's JVM options, and must run as it does for a
     * user, on its own archive and the default compiler (ADR 0009, 0044).
     */
    Lab.Result cli(String... arguments) {
        if (arguments.length > 0 && (arguments[0].equals("up") || arguments[0].equals("login"))) {
            return Lab.in(host, netloom(arguments).toArray(String[]::new));
        }
        CliClassArchive.Use archive = CliClassArchive.use();
        List<String> jvmOptions = new ArrayList<>(List.of(C1_ONLY));
        jvmOptions.addAll(archive.jvmOptions());
        try {
            return Lab.in(host, netloom(jvmOptions, arguments).toArray(String[]::new));
        } finally {
            CliClassArchive.ran(archive);
        }
    }

    JsonNode status() {
        Lab.Result result = Lab.check(cli("status", "--json"));
        try {
            return JSON.readTree(result.output());
        } catch (IOException e) {
            throw new AssertionError("status --json is not JSON:\n" + result.output(), e);
        }
    }

    /**
     * The public address this host's router masquerades its traffic to ({@code wan_ip} in lab.sh): what the server
     * sees as the host's {@code connection_ip}, and where other hosts' direct paths to it lead.
     */
    String publicAddress() {
        return "203.0.113.1" + site();
    }

    /** The address {@code lab.sh renumber <site> second} moves this host's router to ({@code second_wan_ip}). */
    String secondPublicAddress() {
        return "203.0.113.5" + site();
    }

    private int site() {
        int site = List.of("a", "b", "c", "u", "d").indexOf(host);
        if (site < 0) {
            throw new IllegalStateException("host " + host + " is not one of lab.sh's five sites");
        }
        return site + 1;
    }

    String overlayIp() {
        return status().get("overlay_ip").asText();
    }

    JsonNode peerStatus(String overlayIp) {
        for (JsonNode peer : status().get("peers")) {
            if (peer.get("overlay_ip").asText().equals(overlayIp)) {
                return peer;
            }
        }
        return null;
    }

    /**
     * Datagrams the kernel steered from P2P paths to WireGuard on this host: the counters of the path table's
     * inbound rules (ADR 0009).
     */
    long packetsSteeredToWireGuard() {
        String table = Lab.check(Lab.in(host, "nft", "list", "table", "inet",
                "netloom_" + interfaceName.replace('-', '_') + "_paths")).output();
        String inbound = table.substring(table.indexOf("chain inbound"), table.indexOf("chain outbound"));
        Matcher counter = PACKETS.matcher(inbound);
        long packets = 0;
        while (counter.find()) {
            packets += Long.parseLong(counter.group(1));
        }
        return packets;
    }

    /** One echo request with a short wait; true when answered. */
    boolean ping(String overlayIp) {
        return Lab.in(host, "ping", "-n", "-c", "1", "-W", "1", overlayIp).succeeded();
    }

    /** One echo request that counts as lost after 200 ms: for timing how fast a path closes. */
    boolean quickPing(String overlayIp) {
        return Lab.in(host, "ping", "-n", "-c", "1", "-W", "0.2", overlayIp).succeeded();
    }

    /** Whether a TCP connection to {@code ip:port} opens within two seconds. */
    boolean connects(String ip, int port) {
        return Lab.in(host, "timeout", "2", "bash", "-c", "exec 3<>/dev/tcp/" + ip + "/" + port).succeeded();
    }

    private List<String> netloom(String... arguments) {
        return netloom(List.of(), arguments);
    }

    /** The CLI's command line, with {@code jvmOptions} before the jar. */
    private List<String> netloom(List<String> jvmOptions, String... arguments) {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx128m", "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--config", stateDirectory.toString()));
        return command;
    }
}
