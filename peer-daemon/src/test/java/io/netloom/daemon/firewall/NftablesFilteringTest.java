package io.netloom.daemon.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.link.CommandResult;
import io.netloom.daemon.link.Commands;
import io.netloom.daemon.link.RootTools;
import io.netloom.daemon.map.InboundRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves a rendered ruleset filters real packets: namespace {@code nlt-fw} plays the device, whose
 * interface {@code nlt-fw0} is joined by a veth to {@code nlt-fw-peer}, which has two addresses.
 * Only one of them is allowed to ping. Neither namespace has a link to the machine's own network.
 */
class NftablesFilteringTest {

    private static final String DEVICE = "nlt-fw";
    private static final String PEER = "nlt-fw-peer";
    private static final String DEVICE_ADDRESS = "198.18.251.1";
    private static final String ALLOWED_SOURCE = "198.18.251.2";
    private static final String OTHER_SOURCE = "198.18.251.3";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @BeforeAll
    static void createNamespaces() throws IOException {
        RootTools.assumeRootWith("ip", "nft", "ping");
        deleteNamespaces();
        Commands.run("ip", "netns", "add", DEVICE);
        Commands.run("ip", "netns", "add", PEER);
        Commands.run("ip", "-n", DEVICE, "link", "add", "nlt-fw0", "type", "veth", "peer", "name", "nlt-fw1",
                "netns", PEER);
        Commands.run("ip", "-n", DEVICE, "address", "add", DEVICE_ADDRESS + "/24", "dev", "nlt-fw0");
        Commands.run("ip", "-n", PEER, "address", "add", ALLOWED_SOURCE + "/24", "dev", "nlt-fw1");
        Commands.run("ip", "-n", PEER, "address", "add", OTHER_SOURCE + "/24", "dev", "nlt-fw1");
        Commands.run("ip", "-n", DEVICE, "link", "set", "nlt-fw0", "up");
        Commands.run("ip", "-n", PEER, "link", "set", "nlt-fw1", "up");
    }

    @AfterAll
    static void deleteNamespaces() throws IOException {
        for (String namespace : List.of(DEVICE, PEER)) {
            if (Files.exists(Path.of("/run/netns", namespace))) {
                Commands.run("ip", "netns", "del", namespace);
            }
        }
    }

    @Test
    void applyWhenOnlyOneSourceMayPingThenTheOtherIsDropped() throws Exception {
        awaitPingFrom(OTHER_SOURCE);

        applyInDevice(FirewallRuleset.render("nlt-fw0", List.of(new InboundRule(ALLOWED_SOURCE, "icmp", List.of()))));

        awaitPingFrom(ALLOWED_SOURCE);
        assertThat(ping(OTHER_SOURCE)).as("ping from a source no rule allows").isFalse();

        applyInDevice(FirewallRuleset.removal("nlt-fw0"));
        awaitPingFrom(OTHER_SOURCE);
    }

    private static void applyInDevice(String script) throws IOException {
        Commands.runWithInput(script.getBytes(StandardCharsets.UTF_8), "ip", "netns", "exec", DEVICE, "nft", "-f", "-");
    }

    private static void awaitPingFrom(String source) throws Exception {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!ping(source)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("ping from " + source + " never got through within " + DEADLINE.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    private static boolean ping(String source) throws IOException {
        CommandResult result = Commands.execute(
                List.of("ip", "netns", "exec", PEER, "ping", "-c", "1", "-W", "2", "-I", source, DEVICE_ADDRESS),
                null, Commands.DEFAULT_TIMEOUT);
        return result.succeeded();
    }
}
