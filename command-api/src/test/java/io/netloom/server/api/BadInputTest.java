package io.netloom.server.api;

import static io.netloom.server.testing.TestData.accountId;
import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createPolicy;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.currentUserId;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.peerUpdate;
import static io.netloom.server.testing.TestData.policy;
import static io.netloom.server.testing.TestData.rule;
import static io.netloom.server.testing.TestData.serviceUser;
import static io.netloom.server.testing.TestData.tokenRequest;
import static io.netloom.server.testing.TestData.userUpdate;
import static io.netloom.server.testing.TestData.with;
import static io.netloom.server.testing.TestData.without;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Garbage in, a 4xx out, and nothing stored. (No 5xx can slip through: the test client fails on any.) */
class BadInputTest extends ServerTest {

    private static final int ONE_MIB = 1024 * 1024;

    private NetloomApi.Client owner;
    private String accountId;
    private String self;
    private String group;
    private String keyId;
    private String plainKey;
    private String peer;
    private String policy;
    private String bot;
    private String route;
    private String network;
    private String resource;
    private String router;
    private String nameservers;
    private String zone;
    private String record;

    @BeforeEach
    void createAccountWithOneOfEverything() {
        owner = accounts.newAccount();
        accountId = accountId(owner);
        self = currentUserId(owner);
        group = createGroup(owner, "servers");
        var key = ok(owner.post("/api/setup-keys", TestPeers.reusableKey("office", List.of(group)))).body();
        keyId = key.get("id").asString();
        plainKey = key.get("key").asString();
        peer = TestPeers.enroll(api.anonymous(), plainKey, "box");
        policy = createPolicy(owner, "p", List.of(group), List.of(group));
        bot = createUser(owner, serviceUser("bot", "user"));
        route = ok(owner.post("/api/routes", route(List.of(group)))).text("id");
        network = ok(owner.post("/api/networks", Map.of("name", "office"))).text("id");
        resource = ok(owner.post("/api/networks/{networkId}/resources", resource(List.of(group)), network)).text("id");
        router = ok(owner.post("/api/networks/{networkId}/routers", router(), network)).text("id");
        nameservers = ok(owner.post("/api/dns/nameservers", nameservers(List.of(group)))).text("id");
        zone = ok(owner.post("/api/dns/zones", zone(List.of(group)))).text("id");
        record = ok(owner.post("/api/dns/zones/{zoneId}/records", record(), zone)).text("id");
    }

    private static Map<String, Object> nameservers(Object groups) {
        return Map.of("name", "resolvers", "description", "", "nameservers",
                List.of(Map.of("ip", "198.18.0.53", "ns_type", "udp", "port", 53)), "enabled", true, "groups", groups,
                "primary", true, "domains", List.of(), "search_domains_enabled", false);
    }

    private static Map<String, Object> zone(Object groups) {
        return Map.of("name", "office", "domain", "corp.example", "enable_search_domain", false,
                "distribution_groups", groups);
    }

    private static Map<String, Object> record() {
        return Map.of("name", "www.corp.example", "type", "A", "content", "198.18.1.10", "ttl", 300);
    }

    private Map<String, Object> router() {
        return Map.of("peer", peer, "metric", 100, "masquerade", true, "enabled", true);
    }

    private static Map<String, Object> resource(Object groups) {
        return Map.of("name", "web", "address", "10.1.2.3", "enabled", true, "groups", groups);
    }

    private Map<String, Object> route(Object groups) {
        return Map.of("network_id", "lan", "enabled", true, "peer", peer, "network", "10.1.0.0/16", "metric", 100,
                "masquerade", true, "groups", groups, "keep_route", false);
    }

    @Test
    void bodyWhenNotJsonThenBadRequestAndNothingChanged() {
        Map<String, String> before = snapshot();

        for (String body : List.of("{\"name\": ", "{name: 'x'}", "not json", "{\"name\": \"x\",}", "\u0000", "")) {
            for (String write : writes()) {
                String[] methodAndPath = write.split(" ", 2);
                NetloomApi.Response response = owner.sendRaw(methodAndPath[0], methodAndPath[1], "application/json",
                        body);
                assertThat(response.status()).as(write + " with " + body).isEqualTo(400);
                error(response, 400);
            }
        }

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void bodyWhenJsonOfWrongShapeOrTypesThenBadRequestAndNothingChanged() {
        Map<String, String> before = snapshot();
        Map<String, Object> key = TestPeers.reusableKey("k", List.of());

        error(owner.post("/api/setup-keys", with(key, "expires_in", "soon")), 400);
        error(owner.post("/api/setup-keys", with(key, "usage_limit", "many")), 400);
        error(owner.post("/api/setup-keys", with(key, "auto_groups", Map.of("id", group))), 400);
        error(owner.post("/api/setup-keys", with(key, "expires_in", "1e400")), 400);
        error(owner.post("/api/groups", Map.of("name", Map.of("first", "x"))), 400);
        error(owner.post("/api/groups", Map.of("name", "g", "peers", Map.of("id", peer))), 400);
        error(owner.post("/api/policies", with(policy("p", true, List.of()), "enabled", "yes")), 400);
        error(owner.post("/api/policies", with(policy("p", true, List.of()), "rules", Map.of("name", "r"))), 400);
        error(owner.post("/api/policies", policy("p", true, List.of(with(rule("r", List.of(group), List.of(group)),
                "port_ranges", List.of(Map.of("start", "low", "end", 2)))))), 400);
        error(owner.post("/api/routes", with(route(List.of(group)), "metric", "low")), 400);
        error(owner.post("/api/routes", with(route(List.of(group)), "enabled", "yes")), 400);
        error(owner.post("/api/routes", route(Map.of("id", group))), 400);
        error(owner.put("/api/routes/{routeId}", with(route(List.of(group)), "peer_groups", group), route), 400);
        error(owner.post("/api/networks", Map.of("name", List.of("office"))), 400);
        error(owner.put("/api/networks/{networkId}", Map.of("name", "n", "description", Map.of()), network), 400);
        error(owner.post("/api/networks/{networkId}/resources", resource(group), network), 400);
        error(owner.post("/api/networks/{networkId}/resources", with(resource(List.of(group)), "enabled", "yes"),
                network), 400);
        error(owner.put("/api/networks/{networkId}/resources/{resourceId}", with(resource(List.of(group)),
                "address", List.of("10.1.2.3")), network, resource), 400);
        error(owner.post("/api/networks/{networkId}/routers", with(router(), "metric", "low"), network), 400);
        error(owner.put("/api/networks/{networkId}/routers/{routerId}", with(router(), "peer_groups", group),
                network, router), 400);
        error(owner.post("/api/dns/nameservers", with(nameservers(List.of(group)), "primary", "yes")), 400);
        error(owner.post("/api/dns/nameservers", with(nameservers(List.of(group)), "nameservers",
                List.of(Map.of("ip", "198.18.0.53", "ns_type", "udp", "port", "53")))), 400);
        error(owner.post("/api/dns/nameservers", nameservers(group)), 400);
        error(owner.put("/api/dns/settings", Map.of("disabled_management_groups", Map.of("id", group))), 400);
        error(owner.post("/api/dns/zones", with(zone(List.of(group)), "enabled", "no")), 400);
        error(owner.put("/api/dns/zones/{zoneId}", zone(group), zone), 400);
        error(owner.post("/api/dns/zones/{zoneId}/records", with(record(), "ttl", "300"), zone), 400);
        error(owner.post("/api/dns/zones/{zoneId}/records", with(record(), "ttl", 99_999_999_999L), zone), 400);
        error(owner.put("/api/dns/zones/{zoneId}/records/{recordId}", with(record(), "content", List.of("x")), zone,
                record), 400);
        error(owner.post("/api/users", with(serviceUser("x", "user"), "is_service_user", "perhaps")), 400);
        error(owner.put("/api/users/{userId}", with(userUpdate("user", false), "is_blocked", List.of()), bot), 400);
        error(owner.put("/api/peers/{peerId}", with(peerUpdate("p"), "ssh_enabled", "sometimes"), peer), 400);
        error(owner.post("/api/users/{userId}/tokens", Map.of("name", "t", "expires_in", "tomorrow"), self), 400);
        error(owner.post("/api/users/{userId}/tokens", Map.of("name", "t", "expires_in", 99_999_999_999L), self), 400);
        error(owner.put("/api/accounts/{accountId}", Map.of("settings", Map.of("peer_login_expiration", "long")),
                accountId), 400);
        error(owner.put("/api/accounts/{accountId}", Map.of("settings", List.of()), accountId), 400);
        for (String body : List.of("[]", "null", "42", "\"text\"", "[{\"name\": \"x\"}]")) {
            error(owner.post("/api/groups", body), 400);
            error(owner.post("/api/setup-keys", body), 400);
        }
        error(api.anonymous().post("/api/netloom/enroll", List.of(plainKey)), 400);

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void bodyWhenRequiredFieldMissingThenUnprocessableNamingTheFieldAndNothingChanged() {
        Map<String, String> before = snapshot();
        Map<String, Object> key = TestPeers.reusableKey("k", List.of());
        Map<String, Object> rule = rule("r", List.of(group), List.of(group));
        Map<String, Object> validPolicy = policy("p", true, List.of(rule));

        List<Map.Entry<String, NetloomApi.Response>> answers = new ArrayList<>();
        answers.add(Map.entry("name", owner.post("/api/groups", Map.of("peers", List.of()))));
        for (String field : List.of("name", "type", "expires_in", "usage_limit", "auto_groups")) {
            answers.add(Map.entry(field, owner.post("/api/setup-keys", without(key, field))));
        }
        answers.add(Map.entry("revoked",
                owner.put("/api/setup-keys/{keyId}", Map.of("auto_groups", List.of()), keyId)));
        for (String field : List.of("name", "enabled", "rules")) {
            answers.add(Map.entry(field, owner.post("/api/policies", without(validPolicy, field))));
        }
        for (String field : List.of("name", "enabled", "action", "bidirectional", "protocol", "destinations")) {
            answers.add(Map.entry("rules[]." + field,
                    owner.post("/api/policies", policy("p", true, List.of(without(rule, field))))));
        }
        for (String field : List.of("role", "is_service_user", "auto_groups")) {
            answers.add(Map.entry(field, owner.post("/api/users", without(serviceUser("x", "user"), field))));
        }
        for (String field : List.of("role", "is_blocked", "auto_groups")) {
            answers.add(Map.entry(field,
                    owner.put("/api/users/{userId}", without(userUpdate("user", false), field), bot)));
        }
        for (String field : List.of("name", "ssh_enabled", "login_expiration_enabled",
                "inactivity_expiration_enabled")) {
            answers.add(Map.entry(field, owner.put("/api/peers/{peerId}", without(peerUpdate("p"), field), peer)));
        }
        for (String field : List.of("name", "expires_in")) {
            answers.add(Map.entry(field,
                    owner.post("/api/users/{userId}/tokens", without(tokenRequest("t", 1), field), self)));
        }
        answers.add(Map.entry("settings", owner.put("/api/accounts/{accountId}", Map.of(), accountId)));
        answers.add(Map.entry("name", owner.post("/api/networks", Map.of("description", "d"))));
        answers.add(Map.entry("name", owner.put("/api/networks/{networkId}", Map.of(), network)));
        for (String field : List.of("metric", "masquerade", "enabled")) {
            answers.add(Map.entry(field, owner.put("/api/networks/{networkId}/routers/{routerId}",
                    without(router(), field), network, router)));
        }
        for (String field : List.of("name", "address", "enabled", "groups")) {
            answers.add(Map.entry(field, owner.post("/api/networks/{networkId}/resources",
                    without(resource(List.of(group)), field), network)));
        }

        answers.forEach(answer -> {
            error(answer.getValue(), 422);
            assertThat(answer.getValue().text("message")).as(answer.getValue().rawBody()).contains(answer.getKey());
        });
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void enrollmentWhenBodyIncompleteOrMalformedThenUnprocessableAndKeyNotUsed() {
        Map<String, String> before = snapshot();
        String publicKey = TestPeers.newPublicKey();

        error(api.anonymous().post("/api/netloom/enroll", without(TestPeers.enrollment(plainKey, publicKey, "x"),
                "setup_key")), 422);
        error(api.anonymous().post("/api/netloom/enroll", without(TestPeers.enrollment(plainKey, publicKey, "x"),
                "wireguard_public_key")), 422);
        error(api.anonymous().post("/api/netloom/enroll", TestPeers.enrollment(plainKey, "abc", "x")), 422);
        error(api.anonymous().post("/api/netloom/enroll", TestPeers.enrollment(plainKey, publicKey + "=", "x")), 422);
        error(api.anonymous().post("/api/netloom/enroll", TestPeers.enrollment(plainKey, publicKey, "x".repeat(300))),
                422);
        error(api.anonymous().post("/api/netloom/enroll", TestPeers.enrollment(plainKey, publicKey, "a\u0007b")), 422);
        error(api.anonymous().post("/api/netloom/enroll", with(TestPeers.enrollment(plainKey, publicKey, "x"),
                "os", "o".repeat(300))), 422);
        error(api.anonymous().post("/api/netloom/enroll", TestPeers.enrollment("", publicKey, "x")), 422);

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void bodyWhenLargerThanOneMebibyteThenPayloadTooLargeAndNothingChanged() {
        Map<String, String> before = snapshot();
        String oversized = "{\"name\": \"big\", \"padding\": \"" + "x".repeat(ONE_MIB) + "\"}";

        error(owner.sendRaw("POST", "/api/groups", "application/json", oversized), 413);
        error(owner.sendRaw("PUT", "/api/groups/" + group, "application/json", oversized), 413);
        error(owner.sendRaw("POST", "/api/setup-keys", "application/json", oversized), 413);
        error(api.anonymous().sendRaw("POST", "/api/netloom/enroll", "application/json", oversized), 413);
        assertThat(chunked("/api/groups", oversized)).isEqualTo(413);

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void bodyWhenJustUnderOneMebibyteThenAccepted() {
        String body = "{\"name\": \"big\", \"padding\": \"" + "x".repeat(ONE_MIB - 100) + "\"}";

        NetloomApi.Response response = owner.sendRaw("POST", "/api/groups", "application/json", body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("name")).isEqualTo("big");
    }

    @Test
    void bodyWhenNotSentAsJsonThenUnsupportedMediaTypeAndNothingChanged() {
        Map<String, String> before = snapshot();
        String json = "{\"name\": \"sneaky\", \"peers\": []}";

        for (String contentType : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "application/octet-stream", "multipart/form-data; boundary=x")) {
            error(owner.sendRaw("POST", "/api/groups", contentType, json), 415);
            error(owner.sendRaw("PUT", "/api/groups/" + group, contentType, json), 415);
            error(owner.sendRaw("POST", "/api/setup-keys", contentType, json), 415);
            error(owner.sendRaw("PUT", "/api/accounts/" + accountId, contentType, json), 415);
            error(api.anonymous().sendRaw("POST", "/api/netloom/enroll", contentType, json), 415);
        }

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void pathWhenIdMalformedThenUnprocessableOrNotFoundAndNothingChanged() {
        Map<String, String> before = snapshot();

        for (String id : List.of("a%20b", "x".repeat(200), "%C3%A4", "%27%3B%20DROP%20TABLE%20audit_event%3B--",
                "-", "_", "%7B%7D", "a.b", "0")) {
            Map<String, NetloomApi.Response> answers = new LinkedHashMap<>();
            answers.put("GET peer", owner.get("/api/peers/{peerId}", id));
            answers.put("PUT peer", owner.put("/api/peers/{peerId}", peerUpdate("p"), id));
            answers.put("DELETE peer", owner.delete("/api/peers/{peerId}", id));
            answers.put("GET group", owner.get("/api/groups/{groupId}", id));
            answers.put("PUT group", owner.put("/api/groups/{groupId}", Map.of("name", "g"), id));
            answers.put("DELETE group", owner.delete("/api/groups/{groupId}", id));
            answers.put("GET key", owner.get("/api/setup-keys/{keyId}", id));
            answers.put("PUT key", owner.put("/api/setup-keys/{keyId}",
                    Map.of("revoked", true, "auto_groups", List.of()), id));
            answers.put("DELETE key", owner.delete("/api/setup-keys/{keyId}", id));
            answers.put("GET policy", owner.get("/api/policies/{policyId}", id));
            answers.put("PUT policy", owner.put("/api/policies/{policyId}",
                    policy("p", true, List.of(rule("r", List.of(group), List.of(group)))), id));
            answers.put("DELETE policy", owner.delete("/api/policies/{policyId}", id));
            answers.put("GET route", owner.get("/api/routes/{routeId}", id));
            answers.put("PUT route", owner.put("/api/routes/{routeId}", route(List.of(group)), id));
            answers.put("DELETE route", owner.delete("/api/routes/{routeId}", id));
            answers.put("GET network", owner.get("/api/networks/{networkId}", id));
            answers.put("PUT network", owner.put("/api/networks/{networkId}", Map.of("name", "n"), id));
            answers.put("DELETE network", owner.delete("/api/networks/{networkId}", id));
            answers.put("GET resources", owner.get("/api/networks/{networkId}/resources", id));
            answers.put("POST resource", owner.post("/api/networks/{networkId}/resources",
                    resource(List.of(group)), id));
            answers.put("GET resource", owner.get("/api/networks/{networkId}/resources/{resourceId}", network, id));
            answers.put("PUT resource", owner.put("/api/networks/{networkId}/resources/{resourceId}",
                    resource(List.of(group)), network, id));
            answers.put("GET routers", owner.get("/api/networks/{networkId}/routers", id));
            answers.put("POST router", owner.post("/api/networks/{networkId}/routers", router(), id));
            answers.put("GET router", owner.get("/api/networks/{networkId}/routers/{routerId}", network, id));
            answers.put("PUT router", owner.put("/api/networks/{networkId}/routers/{routerId}", router(), network,
                    id));
            answers.put("DELETE router", owner.delete("/api/networks/{networkId}/routers/{routerId}", network, id));
            answers.put("DELETE resource", owner.delete("/api/networks/{networkId}/resources/{resourceId}",
                    network, id));
            answers.put("GET nameservers", owner.get("/api/dns/nameservers/{nsgroupId}", id));
            answers.put("PUT nameservers", owner.put("/api/dns/nameservers/{nsgroupId}", nameservers(List.of(group)),
                    id));
            answers.put("DELETE nameservers", owner.delete("/api/dns/nameservers/{nsgroupId}", id));
            answers.put("GET zone", owner.get("/api/dns/zones/{zoneId}", id));
            answers.put("PUT zone", owner.put("/api/dns/zones/{zoneId}", zone(List.of(group)), id));
            answers.put("DELETE zone", owner.delete("/api/dns/zones/{zoneId}", id));
            answers.put("GET records", owner.get("/api/dns/zones/{zoneId}/records", id));
            answers.put("POST record", owner.post("/api/dns/zones/{zoneId}/records", record(), id));
            answers.put("GET record", owner.get("/api/dns/zones/{zoneId}/records/{recordId}", zone, id));
            answers.put("PUT record", owner.put("/api/dns/zones/{zoneId}/records/{recordId}", record(), zone, id));
            answers.put("DELETE record", owner.delete("/api/dns/zones/{zoneId}/records/{recordId}", zone, id));
            answers.put("PUT user", owner.put("/api/users/{userId}", userUpdate("user", true), id));
            answers.put("DELETE user", owner.delete("/api/users/{userId}", id));
            answers.put("GET tokens", owner.get("/api/users/{userId}/tokens", id));
            answers.put("POST token", owner.post("/api/users/{userId}/tokens", tokenRequest("t", 1), id));
            answers.put("GET token", owner.get("/api/users/{userId}/tokens/{tokenId}", self, id));
            answers.put("DELETE token", owner.delete("/api/users/{userId}/tokens/{tokenId}", self, id));
            answers.put("PUT account", owner.put("/api/accounts/{accountId}",
                    Map.of("settings", Map.of("dns_domain", "x.example")), id));
            answers.put("DELETE account", owner.delete("/api/accounts/{accountId}", id));
            answers.forEach((what, response) -> {
                assertThat(response.status()).as(what + " " + id + ": " + response.rawBody()).isIn(404, 422);
                error(response, response.status());
            });
        }

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void requestWhenMethodOrQueryParameterInvalidThenClientErrorAndNothingChanged() {
        Map<String, String> before = snapshot();

        error(owner.sendRaw("PATCH", "/api/groups/" + group, "application/json", "{\"name\": \"x\"}"), 405);
        error(owner.delete("/api/groups"), 405);
        error(owner.post("/api/peers", Map.of("name", "x")), 405);
        error(owner.get("/api/users/{userId}", bot), 405);
        error(owner.get("/api/users?service_user=maybe"), 400);

        assertThat(snapshot()).isEqualTo(before);
    }

    /** Every write endpoint, aimed at existing resources, as "METHOD path". */
    private List<String> writes() {
        return List.of("POST /api/groups", "PUT /api/groups/" + group, "POST /api/setup-keys",
                "PUT /api/setup-keys/" + keyId, "POST /api/policies", "PUT /api/policies/" + policy,
                "POST /api/routes", "PUT /api/routes/" + route, "POST /api/networks", "PUT /api/networks/" + network,
                "POST /api/networks/" + network + "/resources",
                "PUT /api/networks/" + network + "/resources/" + resource,
                "POST /api/networks/" + network + "/routers", "PUT /api/networks/" + network + "/routers/" + router,
                "POST /api/dns/nameservers", "PUT /api/dns/nameservers/" + nameservers, "PUT /api/dns/settings",
                "POST /api/dns/zones", "PUT /api/dns/zones/" + zone, "POST /api/dns/zones/" + zone + "/records",
                "PUT /api/dns/zones/" + zone + "/records/" + record,
                "PUT /api/peers/" + peer, "POST /api/users", "PUT /api/users/" + bot,
                "POST /api/users/" + self + "/tokens", "PUT /api/accounts/" + accountId, "POST /api/netloom/enroll");
    }

    /** Everything the owner can read, as raw bodies. */
    private Map<String, String> snapshot() {
        Map<String, String> state = new LinkedHashMap<>();
        for (String path : List.of("/api/accounts", "/api/peers", "/api/groups", "/api/setup-keys", "/api/policies",
                "/api/routes", "/api/networks", "/api/users", "/api/dns/nameservers", "/api/dns/settings",
                "/api/dns/zones", "/api/events/audit")) {
            state.put(path, ok(owner.get(path)).rawBody());
        }
        state.put("routers", ok(owner.get("/api/networks/routers")).rawBody());
        state.put("resources", ok(owner.get("/api/networks/{networkId}/resources", network)).rawBody());
        state.put("tokens", ok(owner.get("/api/users/{userId}/tokens", self)).rawBody());
        return state;
    }

    /** POSTs the body with chunked transfer encoding (no declared length) and returns the status. */
    private int chunked(String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                .header("Authorization", owner.authorization())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
