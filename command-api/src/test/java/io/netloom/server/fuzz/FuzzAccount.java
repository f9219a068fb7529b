package io.netloom.server.fuzz;

import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createPolicy;
import static io.netloom.server.testing.TestData.ok;

import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.TestAccounts;
import io.netloom.server.testing.TestData;
import io.netloom.server.testing.TestPeers;
import java.util.List;
import java.util.Map;

/**
 * A fresh account for a stretch of fuzzing: two groups, a reusable setup key, one peer, a policy, a network
 * (whose listing shows its resources' ids, so a resource created by mistake shows in /api/networks) and a DNS zone
 * (whose listing shows its records).
 */
record FuzzAccount(NetloomApi.Client owner, String accountId, String groupA, String groupB, String setupKey,
        String peerId, String policyId, String networkId, String zoneId) {

    static FuzzAccount create(TestAccounts accounts, NetloomApi api) {
        NetloomApi.Client owner = accounts.newAccount();
        String groupA = createGroup(owner, "fuzz a");
        String groupB = createGroup(owner, "fuzz b");
        String setupKey = TestPeers.createReusableKey(owner, List.of(groupA));
        String peer = TestPeers.enroll(api.anonymous(), setupKey, "fuzz-peer");
        String policy = createPolicy(owner, "fuzz policy", List.of(groupA), List.of(groupB));
        String network = ok(owner.post("/api/networks", Map.of("name", "fuzz network"))).text("id");
        String zone = ok(owner.post("/api/dns/zones", Map.of("name", "fuzz zone", "domain", "fuzz.example",
                "enable_search_domain", false, "distribution_groups", List.of(groupA)))).text("id");
        return new FuzzAccount(owner, TestData.accountId(owner), groupA, groupB, setupKey, peer, policy, network,
                zone);
    }
}
