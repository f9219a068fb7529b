package io.netloom.ops.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * People sign devices in, in the namespace lab (ADR 0023): the real server in "the internet", devices behind NATs
 * running the real CLI and daemon, and the test playing the person in the test's own namespace (over HTTP, and once
 * in real headless Chromium), reaching the server over the lab's root link. Host a is a server enrolled with a
 * setup key into the group Servers; hosts b and c are an engineer's and an intern's devices, signed in with
 * {@code netloom up} and no setup key. One policy, Engineering to Servers, decides who reaches the server through
 * the real WireGuard tunnels. The scenarios build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInLabTest {

    private static final Duration CONVERGE = Duration.ofSeconds(30);
    private static final String NEW_PASSWORD = "a passphrase of the person's own";
    private static final int SERVICE_PORT = 8080;

    private static final LabPeer SERVER = new LabPeer("a");
    private static final LabPeer ENGINEER = new LabPeer("b");
    private static final LabPeer INTERN = new LabPeer("c");

    private static LabApi api;
    private static String engineering;
    private static String interns;
    private static String servers;
    private static String serverIp;

    @BeforeAll
    static void buildLab() throws IOException {
        Lab.requireRunnable();
        LabChromium.requireInstalled();
        Lab.up();
        Lab.linkTheTestToTheServer();
        Lab.startServer(List.of());
        api = new LabApi();
        engineering = group("Engineering");
        interns = group("Interns");
        servers = group("Servers");
        api.post("/api/policies", Map.of("name", "engineering to servers", "description", "", "enabled", true,
                "rules", List.of(Map.of("name", "engineering to servers", "enabled", true, "action", "accept",
                        "bidirectional", false, "protocol", "all", "sources", List.of(engineering),
                        "destinations", List.of(servers)))));
        String setupKey = api.post("/api/setup-keys", Map.of("name", "servers", "type", "reusable", "expires_in",
                86400, "auto_groups", List.of(servers), "usage_limit", 0)).get("key").asText();
        Path setupKeyFile = Lab.LAB_DIR.resolve("servers-setup-key");
        Files.writeString(setupKeyFile, setupKey);
        Files.setPosixFilePermissions(setupKeyFile, PosixFilePermissions.fromString("rw-------"));
        Lab.check(SERVER.up(setupKeyFile));
        serverIp = SERVER.overlayIp();
        Lab.check(Lab.in("a", "iperf3", "-s", "-D", "-p", Integer.toString(SERVICE_PORT), "-B", serverIp));
    }

    @AfterAll
    static void tearDown() {
        if (!Lab.canRun()) {
            return;
        }
        for (LabPeer peer : List.of(SERVER, ENGINEER, INTERN)) {
            peer.down();
        }
        Lab.stopServer();
        Lab.down();
    }

    @Test
    @Order(1)
    void upWithoutSetupKeyWhenLocalUsersSignInThenPeersAreTheirsInTheirGroupsAndOnlyTheEngineerReachesTheServer()
            throws IOException {
        JsonNode engineer = api.post("/api/users", person("engineer@lab.example", engineering));
        JsonNode intern = api.post("/api/users", person("intern@lab.example", interns));

        DeviceSignIn engineerSignIn = ENGINEER.upSigningIn();
        URI engineerCode = engineerSignIn.awaitVerificationUrl();
        try (LabChromium chromium = LabChromium.start()) {
            String done = chromium.confirmDeviceAsNewLocalUser(engineerCode.toString(), "engineer@lab.example",
                    engineer.get("password").asText(), NEW_PASSWORD);
            assertThat(done).isEqualTo(Lab.SERVER_URL + "/activate/done");
        }
        assertThat(Lab.check(engineerSignIn.await()).output()).contains("Signed in as engineer@lab.example");

        DeviceSignIn internSignIn = INTERN.upSigningIn();
        URI internCode = internSignIn.awaitVerificationUrl();
        LabPerson browser = new LabPerson();
        LabPerson.Page login = browser.open(internCode);
        assertThat(login.location().getPath()).isEqualTo("/login");
        LabPerson.Page change = browser.signInLocally(login, "intern@lab.example", intern.get("password").asText());
        LabPerson.Page activate = browser.choosePassword(change, NEW_PASSWORD);
        browser.confirmDevice(activate, DeviceSignIn.userCode(internCode));
        assertThat(Lab.check(internSignIn.await()).output()).contains("Signed in as intern@lab.example");

        assertPeerOf(ENGINEER, engineer.get("id").asText(), "Engineering");
        assertPeerOf(INTERN, intern.get("id").asText(), "Interns");
        Await.until("the engineer's device reaches the server", CONVERGE, () -> ENGINEER.ping(serverIp));
        assertThat(ENGINEER.connects(serverIp, SERVICE_PORT)).as("the engineer opens the server's port").isTrue();
        assertThat(INTERN.peerStatus(serverIp)).as("the server in the intern's map").isNull();
        assertThat(INTERN.quickPing(serverIp)).as("the intern pings the server").isFalse();
        assertThat(INTERN.connects(serverIp, SERVICE_PORT)).as("the intern opens the server's port").isFalse();
    }

    private static void assertPeerOf(LabPeer device, String userId, String group) {
        JsonNode peer = api.get("/api/peers/" + device.status().get("peer_id").asText());
        assertThat(peer.get("user_id").asText()).as(peer.toString()).isEqualTo(userId);
        assertThat(peer.get("login_expired").asBoolean()).isFalse();
        List<String> groups = new ArrayList<>();
        peer.get("groups").forEach(member -> groups.add(member.get("name").asText()));
        assertThat(groups).as(peer.toString()).contains(group).doesNotContain("Servers");
    }

    private static Map<String, Object> person(String email, String group) {
        return Map.of("email", email, "name", email, "role", "user", "auto_groups", List.of(group),
                "is_service_user", false);
    }

    private static String group(String name) {
        return api.post("/api/groups", Map.of("name", name, "peers", List.of())).get("id").asText();
    }
}
