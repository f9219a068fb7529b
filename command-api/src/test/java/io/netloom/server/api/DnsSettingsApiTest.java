package io.netloom.server.api;

import static io.netloom.server.testing.TestData.audit;
import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createToken;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.serviceUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** NetBird's /api/dns/settings; every response is also checked against NetBird's OpenAPI document by NetloomApi. */
class DnsSettingsApiTest extends ServerTest {

    private NetloomApi.Client owner;
    private String labs;
    private String kiosks;

    @BeforeEach
    void createAccountWithGroups() {
        owner = accounts.newAccount();
        labs = createGroup(owner, "labs");
        kiosks = createGroup(owner, "kiosks");
    }

    private static Map<String, Object> settings(String... groups) {
        return Map.of("disabled_management_groups", List.of(groups));
    }

    private static List<String> disabled(NetloomApi.Response response) {
        return ok(response).body().get("disabled_management_groups").valueStream().map(JsonNode::asString).toList();
    }

    private List<JsonNode> dnsSettingEntries() {
        return audit(owner).stream()
                .filter(event -> event.get("activity_code").asString().startsWith("dns.setting.")).toList();
    }

    @Test
    void getWhenNeverSetThenNoDisabledManagementGroups() {
        assertThat(disabled(owner.get("/api/dns/settings"))).isEmpty();
    }

    @Test
    void updateWhenGroupsExistThenStoredAndEachGroupAddedOrRemovedAudited() {
        assertThat(disabled(owner.put("/api/dns/settings", settings(labs, kiosks)))).containsExactlyInAnyOrder(labs,
                kiosks);
        assertThat(disabled(owner.put("/api/dns/settings", settings(kiosks)))).containsExactly(kiosks);
        ok(owner.put("/api/dns/settings", settings(kiosks)));

        assertThat(disabled(owner.get("/api/dns/settings"))).containsExactly(kiosks);
        List<JsonNode> entries = dnsSettingEntries();
        assertThat(entries).extracting(entry -> entry.get("activity_code").asString() + " "
                        + entry.get("meta").get("group").asString())
                .as("the same settings twice change nothing")
                .containsExactlyInAnyOrder("dns.setting.disabled.management.group.add labs",
                        "dns.setting.disabled.management.group.add kiosks",
                        "dns.setting.disabled.management.group.delete labs");
        assertThat(entries).allSatisfy(entry -> assertThat(entry.get("meta").get("group_id").asString())
                .isIn(labs, kiosks));
    }

    @Test
    void updateWhenGroupUnknownOrFieldMissingThenUnprocessableAndNothingWritten() {
        ok(owner.put("/api/dns/settings", settings(labs)));
        int events = audit(owner).size();
        String unknown = UUID.randomUUID().toString();

        NetloomApi.Response missingGroup = owner.put("/api/dns/settings", settings(labs, unknown));
        NetloomApi.Response missingField = owner.put("/api/dns/settings", Map.of());

        assertThat(error(missingGroup, 422).text("message")).contains(unknown);
        assertThat(error(missingField, 422).text("message")).contains("disabled_management_groups");
        error(owner.put("/api/dns/settings", Map.of("disabled_management_groups", labs)), 400);
        assertThat(disabled(owner.get("/api/dns/settings"))).containsExactly(labs);
        assertThat(audit(owner)).hasSize(events);
    }

    @Test
    void deleteGroupWhenItsDnsManagementIsDisabledThenPreconditionFailed() {
        ok(owner.put("/api/dns/settings", settings(labs)));

        NetloomApi.Response refused = owner.delete("/api/groups/{groupId}", labs);

        assertThat(error(refused, 412).text("message")).contains("disabled management groups");
        ok(owner.put("/api/dns/settings", settings()));
        ok(owner.delete("/api/groups/{groupId}", labs));
    }

    @Test
    void settingsWhenRegularUserOrAnotherAccountThenForbiddenOrOwnOnly() {
        ok(owner.put("/api/dns/settings", settings(labs)));
        NetloomApi.Client user = api.as(createToken(owner, createUser(owner, serviceUser("bot", "user"))));
        NetloomApi.Client stranger = accounts.newAccount();

        error(user.get("/api/dns/settings"), 403);
        error(user.put("/api/dns/settings", settings()), 403);
        assertThat(disabled(stranger.get("/api/dns/settings"))).isEmpty();
        error(stranger.put("/api/dns/settings", settings(labs)), 422);

        assertThat(disabled(owner.get("/api/dns/settings"))).containsExactly(labs);
    }
}
