package io.netloom.server.fuzz;

import io.netloom.server.testing.TestPeers;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/** An endpoint whose request body is fuzzed: where it is, a valid body for it, and what it may change. */
enum FuzzTarget {

    ENROLL("POST", "/api/netloom/enroll", account -> "", false, List.of("/api/peers", "/api/setup-keys"),
            (account, n) -> Json.object("setup_key", account.setupKey(), "wireguard_public_key",
                    TestPeers.newPublicKey(), "hostname", "fuzz-" + n, "os", "linux", "kernel_version", "6.1.0",
                    "daemon_version", "0.1.0")),
    CREATE_POLICY("POST", "/api/policies", account -> "", true, List.of("/api/policies"),
            (account, n) -> policy(account, "policy " + n, n)),
    UPDATE_POLICY("PUT", "/api/policies/{policyId}", FuzzAccount::policyId, true, List.of("/api/policies"),
            (account, n) -> policy(account, "updated " + n, n)),
    CREATE_ROUTE("POST", "/api/routes", account -> "", true, List.of("/api/routes"),
            (account, n) -> route(account, n)),
    CREATE_NETWORK("POST", "/api/networks", account -> "", true, List.of("/api/networks"),
            (account, n) -> Json.object("name", "network " + n, "description", "fuzzed " + n)),
    CREATE_NETWORK_RESOURCE("POST", "/api/networks/{networkId}/resources", FuzzAccount::networkId, true,
            List.of("/api/networks"), (account, n) -> Json.object("name", "resource " + n,
                    "address", "10." + (n / 256 % 256) + "." + (n % 256) + (n % 2 == 0 ? ".7" : ".0/24"),
                    "enabled", n % 2 == 0, "groups", List.of(account.groupA()))),
    CREATE_NETWORK_ROUTER("POST", "/api/networks/{networkId}/routers", FuzzAccount::networkId, true,
            List.of("/api/networks/routers"), (account, n) -> networkRouter(account, n)),
    CREATE_GROUP("POST", "/api/groups", account -> "", true, List.of("/api/groups"),
            (account, n) -> Json.object("name", "group " + n, "peers", List.of(account.peerId()))),
    UPDATE_GROUP("PUT", "/api/groups/{groupId}", FuzzAccount::groupB, true, List.of("/api/groups"),
            (account, n) -> Json.object("name", "renamed " + n, "peers", List.of(account.peerId()))),
    CREATE_NAMESERVER_GROUP("POST", "/api/dns/nameservers", account -> "", true, List.of("/api/dns/nameservers"),
            (account, n) -> Json.object("name", "ns " + n, "description", "fuzzed",
                    "nameservers", List.of(Json.object("ip", "198.18.0." + (1 + n % 250), "ns_type", "udp",
                            "port", 53)), "enabled", true, "groups", List.of(account.groupA()),
                    "primary", n % 2 == 0, "domains", n % 2 == 0 ? List.of() : List.of("d" + n + ".example"),
                    "search_domains_enabled", false)),
    CREATE_DNS_ZONE("POST", "/api/dns/zones", account -> "", true, List.of("/api/dns/zones"),
            (account, n) -> Json.object("name", "zone " + n, "domain", "z" + n + ".example", "enabled", n % 3 != 0,
                    "enable_search_domain", n % 2 == 0, "distribution_groups", List.of(account.groupA()))),
    CREATE_DNS_RECORD("POST", "/api/dns/zones/{zoneId}/records", FuzzAccount::zoneId, true,
            List.of("/api/dns/zones"), (account, n) -> Json.object("name", "r" + n + ".fuzz.example",
                    "type", "A", "content", "198.18." + (n / 256 % 256) + "." + (n % 256), "ttl", n % 3600)),
    CREATE_SETUP_KEY("POST", "/api/setup-keys", account -> "", true, List.of("/api/setup-keys"),
            (account, n) -> Json.object("name", "key " + n, "type", n % 2 == 0 ? "reusable" : "one-off",
                    "expires_in", 86400, "auto_groups", List.of(account.groupA()), "usage_limit", n % 3,
                    "ephemeral", false, "allow_extra_dns_labels", false));

    final String method;
    /** The path as NetBird's spec names it, with at most one id in braces. */
    final String template;
    private final Function<FuzzAccount, String> id;
    /** Whether the owner's token is sent (enrollment is authenticated by its body). */
    final boolean authenticated;
    /** The lists whose content a refused request must leave as they were. */
    final List<String> affectedLists;
    final BiFunction<FuzzAccount, Integer, Json> validBody;

    FuzzTarget(String method, String template, Function<FuzzAccount, String> id, boolean authenticated,
            List<String> affectedLists, BiFunction<FuzzAccount, Integer, Json> validBody) {
        this.method = method;
        this.template = template;
        this.id = id;
        this.authenticated = authenticated;
        this.affectedLists = affectedLists;
        this.validBody = validBody;
    }

    String path(FuzzAccount account) {
        return template.replaceAll("\\{[^}]+}", id.apply(account));
    }

    boolean isNetbirdPath() {
        return !template.startsWith("/api/netloom/");
    }

    /**
     * A valid route body, served by the peer or by a group in turn; each prefix is new, so an accepted body never
     * meets an earlier one of the same peer (409).
     */
    private static Json route(FuzzAccount account, int n) {
        String network = "10." + (n / 256 % 256) + "." + (n % 256) + ".0/24";
        boolean byPeer = n % 2 == 0;
        return Json.object("description", "fuzzed", "network_id", "net " + n, "enabled", true,
                byPeer ? "peer" : "peer_groups", byPeer ? account.peerId() : List.of(account.groupA()),
                "network", network, "metric", 1 + n % 9999, "masquerade", byPeer, "groups", List.of(account.groupA()),
                "keep_route", false, "access_control_groups", List.of(account.groupB()), "skip_auto_apply", false);
    }

    /**
     * A valid router body, by a group (any number of those may route for a network) or, rarely, by the peer, so
     * most accepted bodies do not meet the peer already routing (409).
     */
    private static Json networkRouter(FuzzAccount account, int n) {
        boolean byPeer = n % 10 == 0;
        return Json.object(byPeer ? "peer" : "peer_groups", byPeer ? account.peerId() : List.of(account.groupA()),
                "metric", 1 + n % 9999, "masquerade", n % 2 == 0, "enabled", n % 3 != 0);
    }

    /** A valid policy body, with single ports or with a port range so that both shapes are mutated. */
    private static Json policy(FuzzAccount account, String name, int n) {
        Json ports = n % 2 == 0 ? Json.array("22", "443") : Json.array(Json.object("start", 8000, "end", 8100));
        return Json.object("name", name, "description", "fuzzed", "enabled", true, "source_posture_checks", List.of(),
                "rules", Json.array(Json.object("name", "rule", "description", "", "enabled", true, "action",
                        "accept", "bidirectional", n % 3 != 0, "protocol", "tcp", n % 2 == 0 ? "ports" : "port_ranges",
                        ports, "sources", List.of(account.groupA()), "destinations", List.of(account.groupB()))));
    }
}
