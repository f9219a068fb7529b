package io.netloom.projections.networkmap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyRuleId;
import io.netloom.domain.policy.PolicyRule;
import io.netloom.domain.policy.PortRange;
import io.netloom.domain.policy.Protocol;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files in {@code src/test/resources/networkmap/golden}: {@code NAME.input.json} describes a
 * topology, its policies and optional later steps; {@code NAME.expected.json} holds, per peer, whom
 * it reaches and what it accepts ("source protocol ports"). The maps built incrementally from events
 * and the maps computed from scratch must both match the expected file.
 */
class GoldenNetworkMapTest {

    private static final Path GOLDEN = goldenDirectory();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(GOLDEN)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".input.json"))
                    .map(name -> name.substring(0, name.length() - ".input.json".length()))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void mapsWhenFixtureAppliedThenMatchGoldenFile(String fixture) throws IOException {
        JsonNode input = JSON.readTree(GOLDEN.resolve(fixture + ".input.json").toFile());
        TestNetwork network = new TestNetwork();
        build(network, input);
        input.path("then").forEach(step -> apply(network, step));

        AccountSnapshot snapshot = network.snapshot();
        Map<PeerId, NetworkMap> incremental = new HashMap<>();
        snapshot.peers().keySet().forEach(peer -> incremental.put(peer, network.mapOf(peer.value()).withSerial(0)));
        JsonNode expected = JSON.readTree(GOLDEN.resolve(fixture + ".expected.json").toFile());

        assertThat(JSON.writeValueAsString(summary(snapshot, incremental)))
                .as("incremental maps of %s", fixture).isEqualTo(JSON.writeValueAsString(expected));
        assertThat(JSON.writeValueAsString(summary(snapshot, NetworkMapCalculator.allMaps(snapshot))))
                .as("maps computed from scratch for %s", fixture).isEqualTo(JSON.writeValueAsString(expected));
    }

    private static void build(TestNetwork network, JsonNode input) {
        input.path("groups").forEach(group -> network.createGroup(group.asText()));
        for (JsonNode peer : input.path("peers")) {
            String name = peer.get("name").asText();
            network.enroll(name, peer.hasNonNull("owner") ? peer.get("owner").asText() : null,
                    peer.path("approved").asBoolean(true));
            peer.path("groups").forEach(group -> network.addToGroup(group.asText(), name));
        }
        input.path("policies").forEach(policy -> network.createPolicy(policy.get("name").asText(),
                policy.path("enabled").asBoolean(true), rules(policy)));
    }

    private static void apply(TestNetwork network, JsonNode step) {
        String action = step.fieldNames().next();
        JsonNode argument = step.get(action);
        switch (action) {
            case "delete_peer" -> network.deletePeer(argument.asText());
            case "delete_group" -> network.deleteGroup(argument.asText());
            case "delete_policy" -> network.deletePolicy(argument.asText());
            case "update_policy" -> network.updatePolicy(argument.get("name").asText(),
                    argument.path("enabled").asBoolean(true), rules(argument));
            case "add_to_group" -> network.addToGroup(argument.get("group").asText(), names(argument.get("peers")));
            case "remove_from_group" -> network.removeFromGroup(argument.get("group").asText(),
                    names(argument.get("peers")));
            case "block_user" -> network.blockUser(argument.asText());
            case "unblock_user" -> network.unblockUser(argument.asText());
            case "approve" -> network.approve(argument.asText());
            case "move_address" -> network.moveAddress(argument.get("peer").asText(), argument.get("ip").asText());
            default -> throw new IllegalArgumentException("unknown step " + action);
        }
    }

    private static List<PolicyRule> rules(JsonNode policy) {
        List<PolicyRule> rules = new ArrayList<>();
        int number = 0;
        for (JsonNode rule : policy.path("rules")) {
            number++;
            List<PortRange> ports = new ArrayList<>();
            rule.path("ports").forEach(port -> {
                String[] bounds = port.asText().split("-");
                ports.add(new PortRange(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[bounds.length - 1])));
            });
            rules.add(new PolicyRule(new PolicyRuleId(policy.get("name").asText() + "-" + number),
                    "rule " + number, "", rule.path("enabled").asBoolean(true), rule.path("bidirectional").asBoolean(),
                    Protocol.fromWireName(rule.path("protocol").asText("all")), ports, groups(rule.get("sources")),
                    groups(rule.get("destinations"))));
        }
        return rules;
    }

    private static Set<GroupId> groups(JsonNode names) {
        Set<GroupId> ids = new LinkedHashSet<>();
        names.forEach(name -> ids.add(TestNetwork.groupId(name.asText())));
        return ids;
    }

    private static String[] names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(name -> names.add(name.asText()));
        return names.toArray(String[]::new);
    }

    /** Each peer's map in names: whom it reaches, and whom it accepts traffic from with which protocol and ports. */
    private static ObjectNode summary(AccountSnapshot snapshot, Map<PeerId, NetworkMap> maps) {
        Map<String, String> nameOfAddress = new HashMap<>();
        snapshot.peers().values().forEach(peer -> nameOfAddress.put(peer.overlayIp() + "/32", peer.id().value()));
        ObjectNode summary = JSON.createObjectNode();
        maps.keySet().stream().map(PeerId::value).sorted().forEach(name -> {
            NetworkMap map = maps.get(new PeerId(name));
            ObjectNode peer = summary.putObject(name);
            peer.putArray("reaches").addAll(map.remotePeers().stream()
                    .map(remote -> JSON.getNodeFactory().textNode(remote.id())).toList());
            peer.putArray("accepts").addAll(map.inboundRules().stream()
                    .map(rule -> JSON.getNodeFactory().textNode(nameOfAddress.get(rule.source()) + " " + rule.protocol()
                            + (rule.ports().isEmpty() ? "" : " " + String.join(",", rule.ports()))))
                    .sorted((a, b) -> a.asText().compareTo(b.asText()))
                    .toList());
        });
        return summary;
    }

    private static Path goldenDirectory() {
        try {
            return Path.of(GoldenNetworkMapTest.class.getResource("/networkmap/golden").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
