package io.netloom.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Request bodies and small read helpers shared by the API tests. */
public final class TestData {

    private TestData() {
    }

    // ---- request bodies

    public static Map<String, Object> group(String name, List<String> peers) {
        return Map.of("name", name, "peers", peers);
    }

    /** An enabled accept rule for all protocols between the given groups, in both directions. */
    public static Map<String, Object> rule(String name, List<String> sources, List<String> destinations) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("name", name);
        rule.put("enabled", true);
        rule.put("action", "accept");
        rule.put("bidirectional", true);
        rule.put("protocol", "all");
        rule.put("sources", sources);
        rule.put("destinations", destinations);
        return rule;
    }

    /** {@link #rule} with other values in or added, e.g. {@code with(rule, "protocol", "tcp")}. */
    public static Map<String, Object> with(Map<String, Object> body, Object... keysAndValues) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            copy.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return copy;
    }

    /** {@code body} without the given keys, for missing-field tests. */
    public static Map<String, Object> without(Map<String, Object> body, String... keys) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        for (String key : keys) {
            copy.remove(key);
        }
        return copy;
    }

    public static Map<String, Object> policy(String name, boolean enabled, List<Map<String, Object>> rules) {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("name", name);
        policy.put("description", "");
        policy.put("enabled", enabled);
        policy.put("rules", rules);
        return policy;
    }

    public static Map<String, Object> serviceUser(String name, String role) {
        return Map.of("name", name, "role", role, "auto_groups", List.of(), "is_service_user", true);
    }

    /** A person of the owner's account who signs in at the embedded user store with {@code password}; returns the id. */
    public static String createPersonWithPassword(NetloomApi.Client owner, String email, String role, String password) {
        String id = ok(owner.post("/api/users", regularUser(email, role))).text("id");
        ok(owner.put("/api/netloom/users/{userId}/password", Map.of("password", password, "change_required", false),
                id));
        return id;
    }

    public static Map<String, Object> regularUser(String email, String role) {
        return Map.of("email", email, "name", email, "role", role, "auto_groups", List.of(), "is_service_user", false);
    }

    public static Map<String, Object> userUpdate(String role, boolean blocked) {
        return Map.of("role", role, "auto_groups", List.of(), "is_blocked", blocked);
    }

    public static Map<String, Object> peerUpdate(String name) {
        Map<String, Object> peer = new LinkedHashMap<>();
        peer.put("name", name);
        peer.put("ssh_enabled", false);
        peer.put("login_expiration_enabled", true);
        peer.put("inactivity_expiration_enabled", false);
        return peer;
    }

    public static Map<String, Object> tokenRequest(String name, int days) {
        return Map.of("name", name, "expires_in", days);
    }

    // ---- creating through the API, asserting success

    public static String createGroup(NetloomApi.Client admin, String name, String... peers) {
        return ok(admin.post("/api/groups", group(name, List.of(peers)))).text("id");
    }

    public static String createPolicy(NetloomApi.Client admin, String name, List<String> sources,
            List<String> destinations) {
        return ok(admin.post("/api/policies",
                policy(name, true, List.of(rule(name + " rule", sources, destinations))))).text("id");
    }

    public static String createUser(NetloomApi.Client admin, Map<String, Object> body) {
        return ok(admin.post("/api/users", body)).text("id");
    }

    /** Creates a token for the user through the API and returns the plain token. */
    public static String createToken(NetloomApi.Client client, String userId) {
        return ok(client.post("/api/users/{userId}/tokens", tokenRequest("script", 30), userId))
                .text("plain_token");
    }

    // ---- reading

    /**
     * An instant before every event stored from now on. The server stamps events to the millisecond, as the store
     * keeps them (ADR 0053): an event of this very millisecond is stamped at its start, before {@code Instant.now()}.
     */
    public static Instant beforeNextEvent() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).minusMillis(1);
    }

    public static String accountId(NetloomApi.Client client) {
        return ok(client.get("/api/accounts")).body().get(0).get("id").asString();
    }

    public static String currentUserId(NetloomApi.Client client) {
        return ok(client.get("/api/users/current")).text("id");
    }

    /** The "id" of every element of a JSON array body. */
    public static List<String> ids(NetloomApi.Response list) {
        return ok(list).body().valueStream().map(element -> element.get("id").asString()).toList();
    }

    public static String groupNamed(NetloomApi.Client client, String name) {
        return ok(client.get("/api/groups")).body().valueStream()
                .filter(group -> group.get("name").asString().equals(name))
                .map(group -> group.get("id").asString())
                .findFirst().orElseThrow(() -> new AssertionError("no group named " + name));
    }

    public static List<JsonNode> audit(NetloomApi.Client reader) {
        return ok(reader.get("/api/events/audit")).body().valueStream().toList();
    }

    public static List<String> auditCodes(NetloomApi.Client reader) {
        return audit(reader).stream().map(event -> event.get("activity_code").asString()).toList();
    }

    public static NetloomApi.Response ok(NetloomApi.Response response) {
        assertThat(response.status()).as("status; body %s", response.rawBody()).isEqualTo(200);
        return response;
    }

    /** Asserts a NetBird error answer: the status, and a body {message, code} whose code repeats it. */
    public static NetloomApi.Response error(NetloomApi.Response response, int status) {
        assertThat(response.status()).as("status; body %s", response.rawBody()).isEqualTo(status);
        assertThat(response.body()).as("error body of %s", response.rawBody()).isNotNull();
        assertThat(response.body().get("code").asInt()).isEqualTo(status);
        assertThat(response.body().get("message").asString()).isNotBlank();
        return response;
    }
}
