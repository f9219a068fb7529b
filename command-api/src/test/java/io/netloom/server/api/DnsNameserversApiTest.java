package io.netloom.server.api;

import static io.netloom.server.testing.TestData.audit;
import static io.netloom.server.testing.TestData.auditCodes;
import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createToken;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.ids;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.serviceUser;
import static io.netloom.server.testing.TestData.with;
import static io.netloom.server.testing.TestData.without;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * NetBird's /api/dns/nameservers; every response is also checked against NetBird's OpenAPI document by NetloomApi.
 * Refused input is answered with NetBird's codes and writes no event (the audit log, written in the events'
 * transaction, stays as it was).
 */
class DnsNameserversApiTest extends ServerTest {

    private NetloomApi.Client owner;
    private String office;

    @BeforeEach
    void createAccountWithAGroup() {
        owner = accounts.newAccount();
        office = createGroup(owner, "office");
    }

    private static Map<String, Object> nameserver(Object ip, Object port) {
        return Map.of("ip", ip, "ns_type", "udp", "port", port);
    }

    private Map<String, Object> matchDomains(String... domains) {
        return Map.of("name", "office DNS", "description", "the office's resolvers",
                "nameservers", List.of(nameserver("198.18.0.53", 53)), "enabled", true, "groups", List.of(office),
                "primary", false, "domains", List.of(domains), "search_domains_enabled", true);
    }

    private Map<String, Object> primary() {
        return with(matchDomains(), "name", "resolvers", "primary", true, "domains", List.of(),
                "search_domains_enabled", false);
    }

    private static void assertRefused(int status, NetloomApi.Response... responses) {
        for (NetloomApi.Response response : responses) {
            error(response, status);
        }
    }

    @Test
    void createWhenMatchDomainsValidThenShownAsNetbirdNameserverGroupNormalised() {
        JsonNode created = ok(owner.post("/api/dns/nameservers",
                with(matchDomains("Corp.Example.", "lab.corp.example"), "nameservers",
                        List.of(nameserver("198.18.0.53", 53), nameserver("2001:DB8::53", 5353))))).body();

        String id = created.get("id").asString();
        assertThat(id).isNotBlank();
        assertThat(created.get("name").asString()).isEqualTo("office DNS");
        assertThat(created.get("description").asString()).isEqualTo("the office's resolvers");
        assertThat(created.get("nameservers").get(0).get("ip").asString()).isEqualTo("198.18.0.53");
        assertThat(created.get("nameservers").get(0).get("ns_type").asString()).isEqualTo("udp");
        assertThat(created.get("nameservers").get(1).get("ip").asString()).isEqualTo("2001:db8::53");
        assertThat(created.get("nameservers").get(1).get("port").asInt()).isEqualTo(5353);
        assertThat(created.get("enabled").asBoolean()).isTrue();
        assertThat(created.get("groups").valueStream().map(JsonNode::asString)).containsExactly(office);
        assertThat(created.get("primary").asBoolean()).isFalse();
        assertThat(created.get("domains").valueStream().map(JsonNode::asString))
                .containsExactly("corp.example", "lab.corp.example");
        assertThat(created.get("search_domains_enabled").asBoolean()).isTrue();
        assertThat(ok(owner.get("/api/dns/nameservers/{nsgroupId}", id)).body()).isEqualTo(created);
        assertThat(ids(owner.get("/api/dns/nameservers"))).containsExactly(id);
    }

    @Test
    void createWhenPrimaryThenShownWithoutDomains() {
        JsonNode created = ok(owner.post("/api/dns/nameservers", without(primary(), "description", "domains",
                "search_domains_enabled"))).body();

        assertThat(created.get("primary").asBoolean()).isTrue();
        assertThat(created.get("domains")).isEmpty();
        assertThat(created.get("description").asString()).isEmpty();
        assertThat(created.get("search_domains_enabled").asBoolean()).isFalse();
    }

    @Test
    void createUpdateDeleteWhenAcceptedThenAuditedWithNetbirdCodes() {
        String id = ok(owner.post("/api/dns/nameservers", matchDomains("corp.example"))).text("id");
        ok(owner.put("/api/dns/nameservers/{nsgroupId}", primary(), id));
        ok(owner.put("/api/dns/nameservers/{nsgroupId}", primary(), id));
        ok(owner.delete("/api/dns/nameservers/{nsgroupId}", id));

        assertThat(auditCodes(owner)).containsSubsequence("nameserver.group.add", "nameserver.group.update",
                "nameserver.group.delete");
        assertThat(auditCodes(owner).stream().filter("nameserver.group.update"::equals))
                .as("the same body twice changes nothing the second time").hasSize(1);
        JsonNode added = audit(owner).stream()
                .filter(event -> event.get("activity_code").asString().equals("nameserver.group.add"))
                .findFirst().orElseThrow();
        assertThat(added.get("target_id").asString()).isEqualTo(id);
        assertThat(added.get("meta").get("name").asString()).isEqualTo("office DNS");
        assertThat(added.get("meta").get("domains").asString()).isEqualTo("corp.example");
        assertThat(ids(owner.get("/api/dns/nameservers"))).isEmpty();
    }

    @Test
    void createWhenNameserverAddressInvalidThenUnprocessableAndNothingWritten() {
        int events = audit(owner).size();

        for (String ip : List.of("198.18.0.256", "198.18.0", "dns.google", "fe80::1%eth0", "2001:db8::g", "",
                "198.18.0.53:53", "010.0.0.1")) {
            NetloomApi.Response response = owner.post("/api/dns/nameservers",
                    with(matchDomains("corp.example"), "nameservers", List.of(nameserver(ip, 53))));
            assertThat(error(response, 422).text("message")).as(ip).contains("nameserver ip");
        }
        assertRefused(422,
                owner.post("/api/dns/nameservers", with(matchDomains("corp.example"), "nameservers",
                        List.of(nameserver("198.18.0.53", 0)))),
                owner.post("/api/dns/nameservers", with(matchDomains("corp.example"), "nameservers",
                        List.of(nameserver("198.18.0.53", 65536)))),
                owner.post("/api/dns/nameservers", with(matchDomains("corp.example"), "nameservers",
                        List.of(with(nameserver("198.18.0.53", 53), "ns_type", "tcp")))),
                owner.post("/api/dns/nameservers", with(matchDomains("corp.example"), "nameservers",
                        List.of(without(nameserver("198.18.0.53", 53), "ns_type")))));

        assertThat(ids(owner.get("/api/dns/nameservers"))).isEmpty();
        assertThat(audit(owner)).hasSize(events);
    }

    @Test
    void createWhenNoneOrFourNameserversThenUnprocessableAndNothingWritten() {
        int events = audit(owner).size();
        List<Map<String, Object>> four = List.of(nameserver("198.18.0.1", 53), nameserver("198.18.0.2", 53),
                nameserver("198.18.0.3", 53), nameserver("198.18.0.4", 53));

        NetloomApi.Response none = owner.post("/api/dns/nameservers",
                with(matchDomains("corp.example"), "nameservers", List.of()));
        NetloomApi.Response tooMany = owner.post("/api/dns/nameservers",
                with(matchDomains("corp.example"), "nameservers", four));
        NetloomApi.Response twice = owner.post("/api/dns/nameservers", with(matchDomains("corp.example"),
                "nameservers", List.of(nameserver("198.18.0.1", 53), nameserver("198.18.0.1", 53))));

        assertThat(error(none, 422).text("message")).isEqualTo("a nameserver group needs 1 to 3 nameservers, got 0");
        assertThat(error(tooMany, 422).text("message")).isEqualTo("a nameserver group needs 1 to 3 nameservers, got 4");
        assertThat(error(twice, 422).text("message")).contains("twice");
        assertThat(audit(owner)).hasSize(events);
    }

    @Test
    void createWhenPrimaryWithDomainsOrNeitherOrPrimaryWithSearchDomainsThenUnprocessableAndNothingWritten() {
        int events = audit(owner).size();

        NetloomApi.Response both = owner.post("/api/dns/nameservers", with(matchDomains("corp.example"),
                "primary", true, "search_domains_enabled", false));
        NetloomApi.Response neither = owner.post("/api/dns/nameservers", matchDomains());
        NetloomApi.Response searchOnPrimary = owner.post("/api/dns/nameservers",
                with(primary(), "search_domains_enabled", true));

        assertThat(error(both, 422).text("message")).contains("either primary or domains");
        assertThat(error(neither, 422).text("message")).contains("must be primary or have at least one match domain");
        assertThat(error(searchOnPrimary, 422).text("message")).contains("search domains need match domains");
        assertThat(audit(owner)).hasSize(events);
    }

    @Test
    void createWhenGroupsEmptyOrUnknownThenUnprocessableNamingThemAndNothingWritten() {
        int events = audit(owner).size();
        String unknown = UUID.randomUUID().toString();
        NetloomApi.Client stranger = accounts.newAccount();
        String strangersGroup = createGroup(stranger, "theirs");

        NetloomApi.Response empty = owner.post("/api/dns/nameservers", with(primary(), "groups", List.of()));
        NetloomApi.Response missing = owner.post("/api/dns/nameservers", with(primary(), "groups",
                List.of(office, unknown)));
        NetloomApi.Response foreign = owner.post("/api/dns/nameservers", with(primary(), "groups",
                List.of(strangersGroup)));

        assertThat(error(empty, 422).text("message")).contains("at least one group");
        assertThat(error(missing, 422).text("message")).contains(unknown);
        assertThat(error(foreign, 422).text("message")).contains(strangersGroup);
        assertThat(audit(owner)).hasSize(events);
    }

    @Test
    void createWhenDomainInvalidOrListedTwiceThenUnprocessableAndNothingWritten() {
        int events = audit(owner).size();

        for (String domain : List.of("*.corp.example", "corp..example", "corp example", "-corp.example", "",
                "a".repeat(64) + ".example", ("a".repeat(63) + ".").repeat(4) + "example")) {
            error(owner.post("/api/dns/nameservers", matchDomains(domain)), 422);
        }
        NetloomApi.Response twice = owner.post("/api/dns/nameservers", matchDomains("corp.example", "CORP.example."));

        assertThat(error(twice, 422).text("message")).isEqualTo("match domain \"corp.example\" is listed twice");
        assertThat(audit(owner)).hasSize(events);
    }

    @Test
    void createWhenNameTakenTooLongOrRequiredFieldMissingThenUnprocessableAndNothingWritten() {
        ok(owner.post("/api/dns/nameservers", matchDomains("corp.example")));
        int events = audit(owner).size();

        NetloomApi.Response taken = owner.post("/api/dns/nameservers", matchDomains("lab.example"));
        assertThat(error(taken, 422).text("message")).contains("\"office DNS\" already exists");
        error(owner.post("/api/dns/nameservers", with(primary(), "name", "n".repeat(41))), 422);
        error(owner.post("/api/dns/nameservers", with(primary(), "name", " ")), 422);
        for (String field : List.of("name", "nameservers", "enabled", "groups", "primary")) {
            NetloomApi.Response response = owner.post("/api/dns/nameservers", without(primary(), field));
            assertThat(error(response, 422).text("message")).as(field).contains(field);
        }
        assertThat(audit(owner)).hasSize(events);
    }

    @Test
    void updateWhenInvalidThenRefusedAndGroupUnchanged() {
        JsonNode created = ok(owner.post("/api/dns/nameservers", matchDomains("corp.example"))).body();
        String id = created.get("id").asString();
        int events = audit(owner).size();

        error(owner.put("/api/dns/nameservers/{nsgroupId}", with(primary(), "domains", List.of("x.example")), id), 422);
        error(owner.put("/api/dns/nameservers/{nsgroupId}", with(primary(), "nameservers", List.of()), id), 422);
        error(owner.put("/api/dns/nameservers/{nsgroupId}", with(primary(), "groups",
                List.of(UUID.randomUUID().toString())), id), 422);
        ok(owner.put("/api/dns/nameservers/{nsgroupId}", matchDomains("corp.example"), id));

        assertThat(ok(owner.get("/api/dns/nameservers/{nsgroupId}", id)).body()).isEqualTo(created);
        assertThat(audit(owner)).as("keeping its own name is no conflict, and changes nothing").hasSize(events);
    }

    @Test
    void getUpdateDeleteWhenUnknownThenNotFound() {
        String unknown = UUID.randomUUID().toString();
        String id = ok(owner.post("/api/dns/nameservers", primary())).text("id");
        ok(owner.delete("/api/dns/nameservers/{nsgroupId}", id));

        for (String missing : List.of(unknown, id)) {
            error(owner.get("/api/dns/nameservers/{nsgroupId}", missing), 404);
            error(owner.put("/api/dns/nameservers/{nsgroupId}", primary(), missing), 404);
            error(owner.delete("/api/dns/nameservers/{nsgroupId}", missing), 404);
        }
    }

    @Test
    void deleteGroupWhenUsedByANameserverGroupThenPreconditionFailedUntilItIsGone() {
        String id = ok(owner.post("/api/dns/nameservers", primary())).text("id");

        NetloomApi.Response refused = owner.delete("/api/groups/{groupId}", office);

        assertThat(error(refused, 412).text("message")).contains("nameserver group \"resolvers\"");
        ok(owner.delete("/api/dns/nameservers/{nsgroupId}", id));
        ok(owner.delete("/api/groups/{groupId}", office));
    }

    @Test
    void nameserversWhenAnotherAccountRegularUserOrAuditorThenNeitherSeenNorTouchedOrOnlyRead() {
        String id = ok(owner.post("/api/dns/nameservers", primary())).text("id");
        NetloomApi.Client stranger = accounts.newAccount();
        NetloomApi.Client user = api.as(createToken(owner, createUser(owner, serviceUser("bot", "user"))));

        assertThat(ok(stranger.get("/api/dns/nameservers")).body()).isEmpty();
        error(stranger.get("/api/dns/nameservers/{nsgroupId}", id), 404);
        error(stranger.put("/api/dns/nameservers/{nsgroupId}", primary(), id), 404);
        error(stranger.delete("/api/dns/nameservers/{nsgroupId}", id), 404);
        error(user.get("/api/dns/nameservers"), 403);
        error(user.get("/api/dns/nameservers/{nsgroupId}", id), 403);
        error(user.post("/api/dns/nameservers", primary()), 403);
        error(user.put("/api/dns/nameservers/{nsgroupId}", primary(), id), 403);
        error(user.delete("/api/dns/nameservers/{nsgroupId}", id), 403);

        NetloomApi.Client auditor = api.as(createToken(owner, createUser(owner, serviceUser("audit", "auditor"))));
        assertThat(ids(auditor.get("/api/dns/nameservers"))).containsExactly(id);
        ok(auditor.get("/api/dns/settings"));
        error(auditor.put("/api/dns/nameservers/{nsgroupId}", primary(), id), 403);
        error(auditor.put("/api/dns/settings", Map.of("disabled_management_groups", List.of())), 403);

        assertThat(ids(owner.get("/api/dns/nameservers"))).containsExactly(id);
    }
}
