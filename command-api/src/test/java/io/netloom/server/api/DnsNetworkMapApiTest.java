package io.netloom.server.api;

import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.policy;
import static io.netloom.server.testing.TestData.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What the DNS API puts into each peer's map (docs/protocol.md §2d), seen through the network-map inspection:
 * laptop and db are in the office and reach each other; kiosk is in the lab and reaches nobody.
 */
class DnsNetworkMapApiTest extends ServerTest {

    private NetloomApi.Client owner;
    private String laptop;
    private String db;
    private String kiosk;
    private String office;
    private String lab;

    @BeforeEach
    void createOfficeAndLab() {
        owner = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());
        laptop = TestPeers.enroll(api.anonymous(), key, "laptop");
        db = TestPeers.enroll(api.anonymous(), key, "db");
        kiosk = TestPeers.enroll(api.anonymous(), key, "kiosk");
        office = createGroup(owner, "office", laptop, db);
        lab = createGroup(owner, "lab", kiosk);
        ok(owner.post("/api/policies", policy("office", true, List.of(rule("r", List.of(office), List.of(office))))));
    }

    private JsonNode mapOf(String peer) {
        return ok(owner.get("/api/peers/{peerId}/network-map", peer)).body();
    }

    @Test
    void mapWhenNothingConfiguredThenManagedAndThePeersNamesAreThoseOfItsRemotePeers() {
        JsonNode map = mapOf(laptop);

        assertThat(map.get("config").get("dns_management").asBoolean()).isTrue();
        assertThat(map.get("config").get("dns_domain").asString()).isEqualTo("netloom.internal");
        assertThat(map.get("remote_peers").findValuesAsString("fqdn")).containsExactly("db.netloom.internal");
        assertThat(map.get("nameserver_groups")).isEmpty();
        assertThat(map.get("dns_zones")).isEmpty();
        assertThat(map.get("dns_records")).isEmpty();
        assertThat(mapOf(kiosk).get("remote_peers")).as("kiosk may reach nobody, so no peer name resolves").isEmpty();
    }

    @Test
    void mapWhenNameserverGroupForTheOfficeThenOnlyOfficePeersUseItUntilItIsDisabled() {
        Map<String, Object> group = Map.of("name", "office DNS", "description", "",
                "nameservers", List.of(Map.of("ip", "198.18.0.53", "ns_type", "udp", "port", 53)), "enabled", true,
                "groups", List.of(office), "primary", false, "domains", List.of("corp.example"),
                "search_domains_enabled", true);
        String id = ok(owner.post("/api/dns/nameservers", group)).text("id");
        long serial = mapOf(laptop).get("serial").asLong();

        JsonNode entry = mapOf(laptop).get("nameserver_groups").get(0);
        assertThat(entry.get("id").asString()).isEqualTo(id);
        assertThat(entry.get("nameservers").get(0).get("ip").asString()).isEqualTo("198.18.0.53");
        assertThat(entry.get("nameservers").get(0).get("port").asInt()).isEqualTo(53);
        assertThat(entry.get("primary").asBoolean()).isFalse();
        assertThat(entry.get("domains").get(0).asString()).isEqualTo("corp.example");
        assertThat(entry.get("search_domains").asBoolean()).isTrue();
        assertThat(mapOf(db).get("nameserver_groups")).hasSize(1);
        assertThat(mapOf(kiosk).get("nameserver_groups")).isEmpty();

        ok(owner.put("/api/dns/nameservers/{nsgroupId}", Map.of("name", "office DNS", "description", "",
                "nameservers", group.get("nameservers"), "enabled", false, "groups", List.of(office), "primary", false,
                "domains", List.of("corp.example"), "search_domains_enabled", true), id));

        assertThat(mapOf(laptop).get("nameserver_groups")).isEmpty();
        assertThat(mapOf(laptop).get("serial").asLong()).isEqualTo(serial + 1);
    }

    @Test
    void mapWhenGroupsDnsManagementDisabledThenItsPeersAreToldToLeaveTheSystemsDnsAlone() {
        ok(owner.put("/api/dns/settings", Map.of("disabled_management_groups", List.of(lab))));

        assertThat(mapOf(kiosk).get("config").get("dns_management").asBoolean()).isFalse();
        assertThat(mapOf(laptop).get("config").get("dns_management").asBoolean()).isTrue();

        ok(owner.put("/api/dns/settings", Map.of("disabled_management_groups", List.of())));
        assertThat(mapOf(kiosk).get("config").get("dns_management").asBoolean()).isTrue();
    }

    @Test
    void mapWhenZoneDistributedToTheLabThenOnlyLabPeersHoldItsRecords() {
        String zone = ok(owner.post("/api/dns/zones", Map.of("name", "lab", "domain", "lab.example",
                "enable_search_domain", true, "distribution_groups", List.of(lab)))).text("id");
        assertThat(mapOf(kiosk).get("dns_zones")).as("a zone without records is not sent").isEmpty();

        ok(owner.post("/api/dns/zones/{zoneId}/records", Map.of("name", "printer.lab.example", "type", "A",
                "content", "198.18.3.7", "ttl", 60), zone));

        JsonNode map = mapOf(kiosk);
        assertThat(map.get("dns_zones").get(0).get("domain").asString()).isEqualTo("lab.example");
        assertThat(map.get("dns_zones").get(0).get("search_domain").asBoolean()).isTrue();
        JsonNode record = map.get("dns_records").get(0);
        assertThat(record.get("zone").asString()).isEqualTo("lab.example");
        assertThat(record.get("name").asString()).isEqualTo("printer.lab.example");
        assertThat(record.get("type").asString()).isEqualTo("A");
        assertThat(record.get("content").asString()).isEqualTo("198.18.3.7");
        assertThat(record.get("ttl").asInt()).isEqualTo(60);
        assertThat(mapOf(laptop).get("dns_records")).isEmpty();

        ok(owner.delete("/api/dns/zones/{zoneId}", zone));
        assertThat(mapOf(kiosk).get("dns_records")).isEmpty();
        assertThat(mapOf(kiosk).get("dns_zones")).isEmpty();
    }
}
