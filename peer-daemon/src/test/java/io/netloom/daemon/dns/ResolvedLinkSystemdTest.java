package io.netloom.daemon.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.netloom.daemon.link.CommandResult;
import io.netloom.daemon.link.Commands;
import io.netloom.daemon.link.RootTools;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@link ResolvedLink} and {@link SystemDnsChoice} against the real systemd-resolved (ADR 0045, amendment of
 * 2026-12-06), which the scripted {@code resolvectl} of {@link ResolvedLinkTest} only imitates. Debian's package is
 * unpacked, not installed, by ops/ci/systemd-resolved.sh; resolved-sandbox.sh runs it with a private system bus in a
 * network namespace and a mount namespace of its own, so the machine's resolv.conf, /run and users stay as they are.
 * The overlay link is a veth (resolved uses only links with carrier), a dnsmasq on its address plays the peer's
 * resolver, and the {@code resolvectl} the daemon is given enters both namespaces.
 */
@TestMethodOrder(OrderAnnotation.class)
class ResolvedLinkSystemdTest {

    private static final String NAMESPACE = "nlt-resolved";
    private static final String LINK = "nlt0";
    private static final String RESOLVER = "100.64.9.1";
    private static final Path TREE = Path.of(System.getenv().getOrDefault("NETLOOM_SYSTEMD_RESOLVED_ROOT",
            "/var/cache/netloom-test/systemd-resolved"));
    private static final Duration READY = Duration.ofSeconds(15);
    private static final List<Path> UNTOUCHED = List.of(Path.of("/etc/resolv.conf"), Path.of("/etc/passwd"),
            Path.of("/etc/group"));

    private static Path work;
    private static boolean namespaceCreated;
    private static Process sandbox;
    private static Process dnsmasq;
    private static Path resolvectl;
    private static List<String> untouched;
    private static ResolvedLink link;

    @BeforeAll
    static void startResolved() throws Exception {
        RootTools.assumeRootWith("ip", "unshare", "nsenter", "dbus-daemon", "dnsmasq", "dig");
        RootTools.require(Files.isExecutable(TREE.resolve("lib/systemd/systemd-resolved"))
                && Files.isExecutable(TREE.resolve("usr/bin/resolvectl")),
                "systemd-resolved unpacked at " + TREE + " (ops/ci/systemd-resolved.sh)");
        untouched = digests();
        work = Files.createTempDirectory("nlt-resolved-");
        removeNamespace(); // a run killed before its @AfterAll left it
        Commands.run("ip", "netns", "add", NAMESPACE);
        namespaceCreated = true;
        ip("link", "set", "lo", "up");
        ip("link", "add", LINK, "type", "veth", "peer", "name", LINK + "p");
        ip("addr", "add", RESOLVER + "/24", "dev", LINK);
        ip("link", "set", LINK, "up");
        ip("link", "set", LINK + "p", "up");

        Files.writeString(work.resolve("resolv.conf"), "nameserver 127.0.0.53\noptions edns0 trust-ad\n");
        Path script = work.resolve("resolved-sandbox.sh");
        try (InputStream in = ResolvedLinkSystemdTest.class.getResourceAsStream("resolved-sandbox.sh")) {
            Files.copy(in, script);
        }
        sandbox = new ProcessBuilder("ip", "netns", "exec", NAMESPACE, "unshare", "-m", "--propagation", "private",
                "bash", script.toString(), TREE.toString(), work.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("sandbox.out").toFile()).start();
        // ip netns exec and unshare exec what follows: the process is the script, in the mount namespace it made.
        resolvectl = work.resolve("resolvectl");
        Files.writeString(resolvectl, "#!/bin/sh\nexec nsenter --mount=/proc/" + sandbox.pid() + "/ns/mnt --net=/run/netns/"
                + NAMESPACE + " " + TREE.resolve("usr/bin/resolvectl") + " \"$@\"\n");
        Files.setPosixFilePermissions(resolvectl, PosixFilePermissions.fromString("rwx------"));
        awaitResolved();

        dnsmasq = new ProcessBuilder("ip", "netns", "exec", NAMESPACE, "dnsmasq", "--no-daemon", "--conf-file=/dev/null",
                "--no-resolv", "--no-hosts", "--bind-interfaces", "--listen-address=" + RESOLVER, "--log-queries",
                "--address=/peer.netbird.cloud/100.64.9.7", "--address=/host.corp.example/100.64.9.8")
                .redirectErrorStream(true).redirectOutput(work.resolve("dnsmasq.log").toFile()).start();
        await("dnsmasq listening on " + RESOLVER, () -> dnsmasqLog().contains("started, version"));
    }

    @AfterAll
    static void stopResolved() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Process process : Stream.of(dnsmasq, sandbox).filter(p -> p != null).toList()) {
            process.destroy(); // the script's trap stops its dbus-daemon and resolved; its mounts go with it
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                problems.add("pid " + process.pid() + " needed SIGKILL");
            }
        }
        if (namespaceCreated) {
            removeNamespace();
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        if (untouched != null && !digests().equals(untouched)) {
            problems.add("the machine's " + UNTOUCHED + " changed");
        }
        assertThat(problems).isEmpty();
    }

    @Test
    @Order(1)
    void chooseWhenResolvConfNamesTheStubAndResolvedAnswersThenResolved() throws IOException {
        Path resolvConf = work.resolve("resolv.conf");
        ResolvConfFile file = new ResolvConfFile(resolvConf, work.resolve("resolv.conf.original.json"));

        SystemDns chosen = SystemDnsChoice.choose(file, resolvConf, Optional.of(resolvectl), LINK, uplinks());

        assertThat(chosen).isInstanceOf(ResolvedLink.class);
        link = (ResolvedLink) chosen;
        Path other = work.resolve("resolv.conf.other");
        Files.writeString(other, "nameserver 198.18.0.1\n");
        assertThat(SystemDnsChoice.choose(file, other, Optional.of(resolvectl), LINK, uplinks())).isSameAs(file);
    }

    @Test
    @Order(2)
    void applyThenTheLinkHasTheResolverTheSearchDomainAndTheRoutedDomains() throws IOException {
        link.apply(settings(false), true);

        String status = resolvectl("status", LINK);
        assertThat(status).contains("DNS Servers: " + RESOLVER)
                .contains("DNS Domain: netbird.cloud ~corp.example ~lab.example").contains("-DefaultRoute");
        assertThat(resolvectl("default-route", LINK)).contains("(" + LINK + "): no");
    }

    @Test
    @Order(3)
    void originalResolversThenTheServersResolvedListsForTheOtherLinks() throws IOException {
        resolvectl("dns", LINK + "p", "198.18.0.53");
        try {
            // resolved lists the servers of default-route links only: not the resolver's while it takes only its
            // domains (with a primary group it is listed, and DnsTables leaves it out).
            assertThat(link.originalResolvers()).containsExactly(new InetSocketAddress("198.18.0.53", 53));
        } finally {
            resolvectl("revert", LINK + "p");
        }
    }

    @Test
    @Order(4)
    void queryWhenUnderARoutedDomainThenAnsweredOnTheLinkElseNotSentThere() throws IOException {
        assertThat(resolvectl("query", "--cache=no", "peer.netbird.cloud")).contains("100.64.9.7")
                .contains("link: " + LINK);
        assertThat(resolvectl("query", "--cache=no", "host.corp.example")).contains("100.64.9.8");
        assertThat(Commands.run("ip", "netns", "exec", NAMESPACE, "dig", "+short", "+time=3", "+tries=1",
                "@127.0.0.53", "peer.netbird.cloud", "A").trim()).isEqualTo("100.64.9.7");

        CommandResult outside = resolvectlResult("query", "--cache=no", "outside.example");

        assertThat(outside.succeeded()).as(outside.stdout()).isFalse();
        assertThat(outside.stdout() + outside.stderr()).contains("No appropriate name servers");
        assertThat(dnsmasqLog()).contains("query[A] peer.netbird.cloud from " + RESOLVER)
                .doesNotContain("outside.example");
    }

    @Test
    @Order(5)
    void applyWhenAPrimaryGroupThenEveryNameThroughTheLink() throws IOException {
        link.apply(settings(true), true);

        assertThat(resolvectl("domain", LINK)).contains("netbird.cloud ~corp.example ~lab.example ~.");
        assertThat(resolvectl("status", LINK)).contains("+DefaultRoute");
        resolvectlResult("query", "--cache=no", "outside.example");
        assertThat(dnsmasqLog()).contains("outside.example");

        link.apply(settings(false), true);
        assertThat(resolvectl("status", LINK)).contains("-DefaultRoute").doesNotContain("~.");
    }

    @Test
    @Order(6)
    void recheckWhenResolvedRestartedThenTheLinkKeepsOrGetsBackItsSettings() throws IOException {
        restartResolved(false);
        link.recheck();
        assertApplied();

        // A resolved that starts without its state in /run has forgotten the link: recheck tells it again.
        restartResolved(true);
        assertThat(resolvectl("dns", LINK)).doesNotContain(RESOLVER);
        link.recheck();
        assertApplied();
        assertThat(resolvectl("query", "--cache=no", "peer.netbird.cloud")).contains("100.64.9.7");
    }

    @Test
    @Order(7)
    void recheckWhenAnotherProgramChangedTheLinkThenToldAgain() throws IOException {
        resolvectl("domain", LINK, "netbird.cloud");
        link.recheck();
        assertApplied();

        resolvectl("revert", LINK);
        link.recheck();
        assertApplied();
    }

    @Test
    @Order(8)
    void restoreThenTheLinkWithoutOurSettings() throws IOException {
        link.restore();

        assertThat(resolvectl("dns", LINK).trim()).isEqualTo("Link " + ifindex() + " (" + LINK + "):");
        assertThat(resolvectl("domain", LINK).trim()).isEqualTo("Link " + ifindex() + " (" + LINK + "):");
        assertThat(resolvectl("status", LINK)).doesNotContain("DNS Servers").doesNotContain("DNS Domain");
        CommandResult query = resolvectlResult("query", "--cache=no", "peer.netbird.cloud");
        assertThat(query.succeeded()).as(query.stdout()).isFalse();
    }

    private static void assertApplied() throws IOException {
        assertThat(resolvectl("dns", LINK)).contains("): " + RESOLVER);
        assertThat(resolvectl("domain", LINK)).contains("): netbird.cloud ~corp.example ~lab.example");
        assertThat(resolvectl("default-route", LINK)).contains("): no");
    }

    private static SystemDnsSettings settings(boolean everything) throws IOException {
        return new SystemDnsSettings(InetAddress.getByName(RESOLVER), List.of("netbird.cloud"),
                List.of("netbird.cloud", "corp.example", "lab.example"), everything);
    }

    /** resolved's list of the other links' servers, seen from outside its mount namespace. */
    private static Path uplinks() {
        return Path.of("/proc/" + sandbox.pid() + "/root" + ResolvedLink.UPLINKS);
    }

    private static void restartResolved(boolean forget) throws IOException {
        Path pidFile = work.resolve("resolved.pid");
        String old = Files.readString(pidFile).trim();
        if (forget) {
            Files.writeString(work.resolve("forget"), "");
        }
        Commands.run("kill", old); // the sandbox starts it again, as systemd's Restart= would
        await("resolved restarted", () -> !Files.readString(pidFile).trim().equals(old));
        awaitResolved();
    }

    private static void awaitResolved() {
        await("resolved answering resolvectl status", () -> resolvectlResult("status").succeeded());
    }

    private static String ifindex() throws IOException {
        return Commands.run("ip", "netns", "exec", NAMESPACE, "cat", "/sys/class/net/" + LINK + "/ifindex").trim();
    }

    private static String resolvectl(String... arguments) throws IOException {
        CommandResult result = resolvectlResult(arguments);
        if (!result.succeeded()) {
            fail("resolvectl " + String.join(" ", arguments) + " failed: " + result.stderr() + "\nresolved's log:\n"
                    + tail(work.resolve("resolved.log")));
        }
        return result.stdout();
    }

    private static CommandResult resolvectlResult(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(resolvectl.toString()));
        command.addAll(List.of(arguments));
        return Commands.execute(command, null, Duration.ofSeconds(10));
    }

    private static String dnsmasqLog() throws IOException {
        return Files.readString(work.resolve("dnsmasq.log"));
    }

    private interface Check {
        boolean met() throws Exception;
    }

    /** Waits for something to start; not a measurement, the deadline only stops a test that would hang. */
    private static void await(String what, Check check) {
        long deadline = System.nanoTime() + READY.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.met()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("no " + what + " within " + READY.toSeconds() + " s" + (last == null ? "" : ": " + last.getMessage())
                + "\nsandbox:\n" + tail(work.resolve("sandbox.out")) + "\nresolved's log:\n"
                + tail(work.resolve("resolved.log")) + "\ndbus-daemon's log:\n" + tail(work.resolve("dbus.log")));
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(" + file + " not readable)";
        }
    }

    private static void ip(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "-n", NAMESPACE));
        command.addAll(List.of(arguments));
        Commands.run(command.toArray(String[]::new));
    }

    /** The namespace and every process still in it: this test's own, by the namespace's name only it uses. */
    private static void removeNamespace() throws IOException {
        if (!Files.exists(Path.of("/run/netns", NAMESPACE))) {
            return;
        }
        for (String pid : Commands.run("ip", "netns", "pids", NAMESPACE).split("\\s+")) {
            if (!pid.isBlank()) {
                Commands.execute(List.of("kill", "-9", pid.trim()), null, Duration.ofSeconds(5));
            }
        }
        Commands.run("ip", "netns", "del", NAMESPACE);
    }

    private static List<String> digests() throws IOException, NoSuchAlgorithmException {
        List<String> digests = new ArrayList<>();
        for (Path file : UNTOUCHED) {
            digests.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        }
        return digests;
    }
}
