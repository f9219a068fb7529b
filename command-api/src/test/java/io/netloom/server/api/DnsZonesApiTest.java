package io.netloom.server.api;

import static io.netloom.server.testing.TestData.accountId;
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
 * NetBird's /api/dns/zones and their records; every response is also checked against NetBird's OpenAPI document by
 * NetloomApi. Refused input is answered with NetBird's codes and writes no event (the audit log stays as it was).
 */
class DnsZonesApiTest extends ServerTest {

    private NetloomApi.Client owner;
    private String office;

    @BeforeEach
    void createAccountWithAGroup() {
        owner = accounts.newAccount();
        office = createGroup(owner, "office");
    }

    private Map<String, Object> zone(String domain) {
        return Map.of("name", "office zone", "domain", domain, "enable_search_domain", false,
                "distribution_groups", List.of(office));
    }

    private static Map<String, Object> record(String name, String type, String content) {
        return Map.of("name", name, "type", type, "content", content, "ttl", 300);
    }

    private String createZone(String domain) {
        return ok(owner.post("/api/dns/zones", zone(domain))).text("id");
    }

    private String createRecord(String zone, Map<String, Object> record) {
        return ok(owner.post("/api/dns/zones/{zoneId}/records", record, zone)).text("id");
    }

    @Test
    void createWhenValidThenShownAsNetbirdZoneNormalisedAndEnabledByDefault() {
        JsonNode created = ok(owner.post("/api/dns/zones", zone("Corp.Example."))).body();

        String id = created.get("id").asString();
        assertThat(created.get("name").asString()).isEqualTo("office zone");
        assertThat(created.get("domain").asString()).isEqualTo("corp.example");
        assertThat(created.get("enabled").asBoolean()).isTrue();
        assertThat(created.get("enable_search_domain").asBoolean()).isFalse();
        assertThat(created.get("distribution_groups").valueStream().map(JsonNode::asString)).containsExactly(office);
        assertThat(created.get("records")).isEmpty();
        assertThat(ok(owner.get("/api/dns/zones/{zoneId}", id)).body()).isEqualTo(created);
        assertThat(ids(owner.get("/api/dns/zones"))).containsExactly(id);
    }

    @Test
    void createWhenDomainIsTheAccountsDnsDomainThenUnprocessableAndTheOtherWayRoundToo() {
        int events = audit(owner).size();

        NetloomApi.Response peers = owner.post("/api/dns/zones", zone("netloom.internal"));

        assertThat(error(peers, 422).text("message")).contains("is the account's DNS domain");
        assertThat(audit(owner)).hasSize(events);
        createZone("corp.example");
        NetloomApi.Response domain = owner.put("/api/accounts/{accountId}",
                Map.of("settings", Map.of("dns_domain", "corp.example")), accountId(owner));
        assertThat(error(domain, 422).text("message")).contains("is the account's DNS domain");
        assertThat(ok(owner.get("/api/accounts")).body().get(0).get("settings").get("dns_domain").asString())
                .isEqualTo("netloom.internal");
    }

    @Test
    void createWhenDomainTakenThenConflictAndNothingWritten() {
        String first = createZone("corp.example");
        int events = audit(owner).size();

        NetloomApi.Response twin = owner.post("/api/dns/zones", with(zone("CORP.example."), "name", "other"));

        assertThat(error(twin, 409).text("message")).isEqualTo("a zone with domain corp.example already exists");
        assertThat(ids(owner.get("/api/dns/zones"))).containsExactly(first);
        assertThat(audit(owner)).hasSize(events);
    }

    @Test
    void createWhenDomainOrNameOrGroupsInvalidThenUnprocessableAndNothingWritten() {
        int events = audit(owner).size();
        String unknown = UUID.randomUUID().toString();

        for (String domain : List.of("*.corp.example", "corp..example", "corp example", "", "-x.example",
                "10.0.0.1/8")) {
            error(owner.post("/api/dns/zones", zone(domain)), 422);
        }
        error(owner.post("/api/dns/zones", with(zone("corp.example"), "name", "")), 422);
        error(owner.post("/api/dns/zones", with(zone("corp.example"), "name", "n".repeat(256))), 422);
        error(owner.post("/api/dns/zones", with(zone("corp.example"), "distribution_groups", List.of())), 422);
        NetloomApi.Response missing = owner.post("/api/dns/zones",
                with(zone("corp.example"), "distribution_groups", List.of(office, unknown)));
        assertThat(error(missing, 422).text("message")).contains(unknown);
        for (String field : List.of("name", "domain", "enable_search_domain", "distribution_groups")) {
            NetloomApi.Response response = owner.post("/api/dns/zones", without(zone("corp.example"), field));
            assertThat(error(response, 422).text("message")).as(field).contains(field);
        }

        assertThat(ids(owner.get("/api/dns/zones"))).isEmpty();
        assertThat(audit(owner)).hasSize(events);
    }

    @Test
    void updateWhenSettingsChangeThenReplacedKeepingRecordsButDomainIsFixed() {
        String id = createZone("corp.example");
        createRecord(id, record("www.corp.example", "A", "198.18.1.10"));
        String lab = createGroup(owner, "lab");

        JsonNode updated = ok(owner.put("/api/dns/zones/{zoneId}", with(zone("corp.example"), "name", "renamed",
                "enabled", false, "enable_search_domain", true, "distribution_groups", List.of(lab)), id)).body();
        NetloomApi.Response moved = owner.put("/api/dns/zones/{zoneId}", zone("corp.example.org"), id);

        assertThat(updated.get("name").asString()).isEqualTo("renamed");
        assertThat(updated.get("enabled").asBoolean()).isFalse();
        assertThat(updated.get("enable_search_domain").asBoolean()).isTrue();
        assertThat(updated.get("distribution_groups").valueStream().map(JsonNode::asString)).containsExactly(lab);
        assertThat(updated.get("records")).hasSize(1);
        assertThat(error(moved, 422).text("message")).contains("cannot be changed");
        assertThat(ok(owner.get("/api/dns/zones/{zoneId}", id)).body()).isEqualTo(updated);
    }

    @Test
    void recordsWhenValidThenShownInTheZoneAndOnTheirOwn() {
        String zone = createZone("corp.example");

        String a = createRecord(zone, record("WWW.corp.example.", "A", "198.18.1.10"));
        String aaaa = createRecord(zone, record("www.corp.example", "AAAA", "2001:DB8::10"));
        String cname = createRecord(zone, record("wiki.corp.example", "CNAME", "www.corp.example."));
        String apex = createRecord(zone, record("corp.example", "A", "198.18.1.1"));
        String wildcard = createRecord(zone, record("*.lab.corp.example", "A", "198.18.2.1"));

        assertThat(ids(owner.get("/api/dns/zones/{zoneId}/records", zone))).containsExactly(a, aaaa, cname, apex,
                wildcard);
        JsonNode shown = ok(owner.get("/api/dns/zones/{zoneId}/records/{recordId}", zone, aaaa)).body();
        assertThat(shown.get("name").asString()).isEqualTo("www.corp.example");
        assertThat(shown.get("type").asString()).isEqualTo("AAAA");
        assertThat(shown.get("content").asString()).isEqualTo("2001:db8::10");
        assertThat(shown.get("ttl").asInt()).isEqualTo(300);
        assertThat(ok(owner.get("/api/dns/zones/{zoneId}/records/{recordId}", zone, cname)).text("content"))
                .isEqualTo("www.corp.example");
        assertThat(ok(owner.get("/api/dns/zones/{zoneId}", zone)).body().get("records")).hasSize(5);
    }

    @Test
    void createRecordWhenOutsideItsZoneThenUnprocessableAndNothingWritten() {
        String zone = createZone("corp.example");
        int events = audit(owner).size();

        for (String name : List.of("corp.example.org", "wwwcorp.example", "example", "*.example")) {
            NetloomApi.Response response = owner.post("/api/dns/zones/{zoneId}/records", record(name, "A",
                    "198.18.1.10"), zone);
            assertThat(error(response, 422).text("message")).as(name).contains("is outside the zone corp.example");
        }
        assertThat(ids(owner.get("/api/dns/zones/{zoneId}/records", zone))).isEmpty();
        assertThat(audit(owner)).hasSize(events);
    }

    @Test
    void createRecordWhenContentNameTypeOrTtlInvalidThenUnprocessableAndNothingWritten() {
        String zone = createZone("corp.example");
        int events = audit(owner).size();

        List<Map<String, Object>> invalid = List.of(
                record("www.corp.example", "A", "2001:db8::1"),
                record("www.corp.example", "A", "198.18.1"),
                record("www.corp.example", "A", "www.corp.example"),
                record("www.corp.example", "AAAA", "198.18.1.10"),
                record("www.corp.example", "AAAA", "::ffff:198.18.1.10"),
                record("www.corp.example", "CNAME", "*.corp.example"),
                record("www.corp.example", "CNAME", "198.18.1.10/24"),
                record("www.corp.example", "MX", "mail.corp.example"),
                record("a b.corp.example", "A", "198.18.1.10"),
                record("www.*.corp.example", "A", "198.18.1.10"),
                with(record("www.corp.example", "A", "198.18.1.10"), "ttl", -1),
                with(record("www.corp.example", "A", "198.18.1.10"), "content", ""),
                without(record("www.corp.example", "A", "198.18.1.10"), "ttl"),
                without(record("www.corp.example", "A", "198.18.1.10"), "type"));
        for (Map<String, Object> record : invalid) {
            error(owner.post("/api/dns/zones/{zoneId}/records", record, zone), 422);
        }
        assertThat(ids(owner.get("/api/dns/zones/{zoneId}/records", zone))).isEmpty();
        assertThat(audit(owner)).hasSize(events);
    }

    @Test
    void createRecordWhenIdenticalThenConflictAndWhenCnameBesideOthersThenUnprocessable() {
        String zone = createZone("corp.example");
        String www = createRecord(zone, record("www.corp.example", "A", "198.18.1.10"));
        createRecord(zone, record("wiki.corp.example", "CNAME", "www.corp.example"));
        int events = audit(owner).size();

        NetloomApi.Response twin = owner.post("/api/dns/zones/{zoneId}/records",
                with(record("WWW.corp.example", "A", "198.18.1.10"), "ttl", 60), zone);
        NetloomApi.Response cnameBesideA = owner.post("/api/dns/zones/{zoneId}/records",
                record("www.corp.example", "CNAME", "web.corp.example"), zone);
        NetloomApi.Response aBesideCname = owner.post("/api/dns/zones/{zoneId}/records",
                record("wiki.corp.example", "A", "198.18.1.11"), zone);

        assertThat(error(twin, 409).text("message")).contains("an identical A record for www.corp.example");
        assertThat(error(cnameBesideA, 422).text("message")).contains("must be the only record of its name");
        error(aBesideCname, 422);
        assertThat(audit(owner)).hasSize(events);
        createRecord(zone, record("www.corp.example", "A", "198.18.1.11"));
        ok(owner.put("/api/dns/zones/{zoneId}/records/{recordId}", with(record("www.corp.example", "A",
                "198.18.1.10"), "ttl", 60), zone, www));
    }

    @Test
    void createRecordWhenCnameClosesALoopInItsZoneOrAcrossZonesThenUnprocessableNamingIt() {
        String corp = createZone("corp.example");
        String lab = createZone("lab.example");
        createRecord(corp, record("a.corp.example", "CNAME", "b.lab.example"));
        createRecord(lab, record("b.lab.example", "CNAME", "c.corp.example"));
        int events = audit(owner).size();

        NetloomApi.Response acrossZones = owner.post("/api/dns/zones/{zoneId}/records",
                record("c.corp.example", "CNAME", "a.corp.example"), corp);
        NetloomApi.Response itself = owner.post("/api/dns/zones/{zoneId}/records",
                record("self.corp.example", "CNAME", "self.corp.example"), corp);

        assertThat(error(acrossZones, 422).text("message"))
                .isEqualTo("CNAME loop: c.corp.example -> a.corp.example -> b.lab.example -> c.corp.example");
        assertThat(error(itself, 422).text("message")).isEqualTo("CNAME loop: self.corp.example -> self.corp.example");
        assertThat(audit(owner)).hasSize(events);
        createRecord(corp, record("c.corp.example", "CNAME", "www.corp.example"));
    }

    @Test
    void updateRecordWhenItWouldCloseALoopThenRefusedAndWhenValidThenReplacedOnce() {
        String zone = createZone("corp.example");
        String a = createRecord(zone, record("a.corp.example", "CNAME", "b.corp.example"));
        String b = createRecord(zone, record("b.corp.example", "A", "198.18.1.10"));

        NetloomApi.Response loop = owner.put("/api/dns/zones/{zoneId}/records/{recordId}",
                record("b.corp.example", "CNAME", "a.corp.example"), zone, b);
        JsonNode updated = ok(owner.put("/api/dns/zones/{zoneId}/records/{recordId}",
                record("a.corp.example", "CNAME", "c.corp.example"), zone, a)).body();
        ok(owner.put("/api/dns/zones/{zoneId}/records/{recordId}", record("a.corp.example", "CNAME", "c.corp.example"),
                zone, a));

        assertThat(error(loop, 422).text("message")).startsWith("CNAME loop");
        assertThat(updated.get("content").asString()).isEqualTo("c.corp.example");
        assertThat(auditCodes(owner).stream().filter("dns.zone.record.update"::equals)).hasSize(1);
    }

    @Test
    void deleteZoneWhenItHasRecordsThenEachRecordAndTheZoneDeletedAndAudited() {
        String zone = createZone("corp.example");
        String www = createRecord(zone, record("www.corp.example", "A", "198.18.1.10"));
        createRecord(zone, record("db.corp.example", "A", "198.18.1.20"));
        ok(owner.delete("/api/dns/zones/{zoneId}/records/{recordId}", zone, www));

        ok(owner.delete("/api/dns/zones/{zoneId}", zone));

        assertThat(ids(owner.get("/api/dns/zones"))).isEmpty();
        error(owner.get("/api/dns/zones/{zoneId}", zone), 404);
        error(owner.get("/api/dns/zones/{zoneId}/records", zone), 404);
        List<String> codes = auditCodes(owner);
        assertThat(codes.stream().filter("dns.zone.record.create"::equals)).hasSize(2);
        assertThat(codes.stream().filter("dns.zone.record.delete"::equals)).hasSize(2);
        assertThat(codes).contains("dns.zone.create", "dns.zone.delete");
        JsonNode created = audit(owner).stream()
                .filter(event -> event.get("activity_code").asString().equals("dns.zone.record.create"))
                .filter(event -> event.get("target_id").asString().equals(www)).findFirst().orElseThrow();
        assertThat(created.get("meta").get("name").asString()).isEqualTo("www.corp.example");
        assertThat(created.get("meta").get("content").asString()).isEqualTo("198.18.1.10");
        assertThat(created.get("meta").get("zone_id").asString()).isEqualTo(zone);
    }

    @Test
    void zonesAndRecordsWhenUnknownThenNotFound() {
        String zone = createZone("corp.example");
        String unknown = UUID.randomUUID().toString();
        String otherZone = createZone("lab.example");
        String labRecord = createRecord(otherZone, record("www.lab.example", "A", "198.18.1.10"));

        error(owner.get("/api/dns/zones/{zoneId}", unknown), 404);
        error(owner.put("/api/dns/zones/{zoneId}", zone("x.example"), unknown), 404);
        error(owner.delete("/api/dns/zones/{zoneId}", unknown), 404);
        error(owner.get("/api/dns/zones/{zoneId}/records", unknown), 404);
        error(owner.post("/api/dns/zones/{zoneId}/records", record("www.x.example", "A", "198.18.1.1"), unknown), 404);
        for (String record : List.of(unknown, labRecord)) {
            error(owner.get("/api/dns/zones/{zoneId}/records/{recordId}", zone, record), 404);
            error(owner.put("/api/dns/zones/{zoneId}/records/{recordId}", record("www.corp.example", "A",
                    "198.18.1.1"), zone, record), 404);
            error(owner.delete("/api/dns/zones/{zoneId}/records/{recordId}", zone, record), 404);
        }
    }

    @Test
    void deleteGroupWhenItDistributesAZoneThenPreconditionFailed() {
        String zone = createZone("corp.example");

        NetloomApi.Response refused = owner.delete("/api/groups/{groupId}", office);

        assertThat(error(refused, 412).text("message")).contains("DNS zone \"corp.example\"");
        ok(owner.delete("/api/dns/zones/{zoneId}", zone));
        ok(owner.delete("/api/groups/{groupId}", office));
    }

    @Test
    void zonesWhenAnotherAccountRegularUserOrAuditorThenNeitherSeenNorTouchedOrOnlyRead() {
        String zone = createZone("corp.example");
        String www = createRecord(zone, record("www.corp.example", "A", "198.18.1.10"));
        NetloomApi.Client stranger = accounts.newAccount();
        NetloomApi.Client user = api.as(createToken(owner, createUser(owner, serviceUser("bot", "user"))));

        assertThat(ok(stranger.get("/api/dns/zones")).body()).isEmpty();
        error(stranger.get("/api/dns/zones/{zoneId}", zone), 404);
        error(stranger.delete("/api/dns/zones/{zoneId}", zone), 404);
        error(stranger.post("/api/dns/zones/{zoneId}/records", record("x.corp.example", "A", "198.18.1.1"), zone),
                404);
        error(stranger.delete("/api/dns/zones/{zoneId}/records/{recordId}", zone, www), 404);
        ok(stranger.post("/api/dns/zones", with(zone("corp.example"), "distribution_groups",
                List.of(createGroup(stranger, "theirs")))));
        error(user.get("/api/dns/zones"), 403);
        error(user.get("/api/dns/zones/{zoneId}/records", zone), 403);
        error(user.post("/api/dns/zones", zone("x.example")), 403);
        error(user.post("/api/dns/zones/{zoneId}/records", record("x.corp.example", "A", "198.18.1.1"), zone), 403);
        error(user.delete("/api/dns/zones/{zoneId}", zone), 403);

        NetloomApi.Client auditor = api.as(createToken(owner, createUser(owner, serviceUser("audit", "auditor"))));
        assertThat(ids(auditor.get("/api/dns/zones"))).containsExactly(zone);
        assertThat(ids(auditor.get("/api/dns/zones/{zoneId}/records", zone))).containsExactly(www);
        ok(auditor.get("/api/dns/zones/{zoneId}/records/{recordId}", zone, www));
        error(auditor.post("/api/dns/zones/{zoneId}/records", record("x.corp.example", "A", "198.18.1.1"), zone), 403);
        error(auditor.delete("/api/dns/zones/{zoneId}", zone), 403);

        assertThat(ids(owner.get("/api/dns/zones/{zoneId}/records", zone))).containsExactly(www);
    }
}
