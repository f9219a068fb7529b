package io.netloom.server.audit.history.snapshot;

import static io.netloom.server.testing.TestData.accountId;
import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createPolicy;
import static io.netloom.server.testing.TestData.createToken;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.group;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.serviceUser;
import static io.netloom.server.testing.TestData.userUpdate;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.projections.history.AccountReplay;
import io.netloom.projections.history.AccountState;
import io.netloom.projections.history.AccountStateData;
import io.netloom.projections.history.EventRef;
import io.netloom.server.audit.history.AccountHistory;
import io.netloom.server.audit.history.HistoricState;
import io.netloom.server.audit.history.HistoryEvents;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class NetworkModelSnapshotsTest extends ServerTest {

    @Autowired
    private AccountHistory history;

    @Autowired
    private NetworkModelSnapshots snapshots;

    @Autowired
    private SnapshotCatchUp catchUp;

    @Autowired
    private SnapshotCodec codec;

    @Autowired
    private HistoryEvents events;

    /**
     * A history with peers, groups, memberships, policies, a route, DNS configuration and a block; the instant after
     * each step, and pairs of peers to explain (one enrolled by the user later blocked).
     */
    private record Built(NetloomApi.Client owner, AccountId account, List<Instant> instants, List<List<String>> pairs) {
    }

    @Test
    void atWhenSnapshotsExistThenEveryAnswerEqualsTheOneReplayedFromTheStart() {
        Built built = buildHistory();
        int written = catchUp.catchUp(built.account(), 4);
        assertThat(written).isGreaterThan(3);
        Instant last = built.instants().get(built.instants().size() - 1);
        assertThat(snapshots.latestAtOrBefore(built.account(), last)).isPresent();

        List<Object> withSnapshots = answers(built);
        snapshots.deleteAll();
        List<Object> fromTheStart = answers(built);

        assertThat(snapshots.latest(built.account())).isEmpty();
        assertThat(withSnapshots).isEqualTo(fromTheStart);
    }

    @Test
    void catchUpWhenRunAgainThenResumesFromTheLatestSnapshotAndWritesOnlyTheNewOnes() {
        Built built = buildHistory();
        AccountId account = built.account();
        catchUp.catchUp(account, 3);
        long before = snapshots.latest(account).orElseThrow().position();

        assertThat(catchUp.catchUp(account, 3)).isZero();
        for (int i = 0; i < 4; i++) {
            createGroup(built.owner(), "later " + i);
        }
        int written = catchUp.catchUp(account, 3);

        long head = events.head(account);
        assertThat(written).isEqualTo((int) (head / 3 - before / 3));
        SnapshotPoint latest = snapshots.latest(account).orElseThrow();
        assertThat(latest.position()).isEqualTo(head / 3 * 3);
        AccountReplay fromTheStart = new AccountReplay(account, null, true);
        events.forEach(account, 0, latest.position(), HistoryEvents.END_OF_TIME,
                event -> fromTheStart.apply(event.payload(), event.ref()));
        assertThat(snapshots.state(account, latest.position()))
                .contains(AccountStateData.of(fromTheStart.state().orElseThrow()));
    }

    @Test
    void decodeWhenAStateIsEncodedThenTheSameStateWithItsEventRefs() {
        Built built = buildHistory();
        AccountState state = history.at(built.account(), Instant.now()).orElseThrow().state();

        AccountState decoded = codec.decode(codec.encode(state)).toState();

        assertThat(decoded.snapshot()).isEqualTo(state.snapshot());
        assertThat(AccountStateData.of(decoded)).isEqualTo(AccountStateData.of(state));
        assertThat(decoded.peers()).isEqualTo(state.peers());
        assertThat(decoded.policies()).isEqualTo(state.policies());
        assertThat(state.snapshot().blockedUsers()).isNotEmpty();
        assertThat(state.snapshot().routes()).isNotEmpty();
        assertThat(state.snapshot().dns().zones()).isNotEmpty();
        assertThat(state.snapshot().dns().nameserverGroups()).isNotEmpty();
    }

    /**
     * For each instant: each pair's state and explanation (first, so that they read the snapshots' buckets rather
     * than a whole state decoded before), then the whole state's data, the last event, and the reachability answer
     * with its flows sorted.
     */
    private List<Object> answers(Built built) {
        List<Object> answers = new ArrayList<>();
        for (Instant at : built.instants()) {
            for (List<String> pair : built.pairs()) {
                HistoricState state = history.existingForPair(built.account(), "at", at, Set.of(),
                        new PeerId(pair.get(0)), new PeerId(pair.get(1)));
                // Not its last event: that is the last one read, a snapshot's own when it read none since (a pair's
                // question skips most), so it depends on where snapshots lie; the explain answer cites no such event.
                answers.add(AccountStateData.of(state.state()));
                answers.add(ok(built.owner().get("/api/netloom/explain?source={s}&destination={d}&at={at}",
                        pair.get(0), pair.get(1), at)).body().toString());
            }
        }
        for (Instant at : built.instants()) {
            HistoricState state = history.at(built.account(), at).orElseThrow();
            EventRef last = state.lastEvent();
            answers.add(List.of(AccountStateData.of(state.state()), last));
            JsonNode body = ok(built.owner().get("/api/netloom/reachability?at={at}", at)).body();
            TreeSet<String> flows = new TreeSet<>();
            body.get("flows").forEach(flow -> flows.add(flow.toString()));
            answers.add(List.of(body.get("as_of").toString(), flows, body.get("routes").toString()));
        }
        Instant from = built.instants().get(2);
        Instant until = built.instants().get(built.instants().size() - 2);
        List<Object> window = new ArrayList<>();
        HistoricState end = history.replay(built.account(), from, until,
                (event, state) -> window.add(List.of(event.ref(), AccountStateData.of(state)))).orElseThrow();
        answers.add(window);
        answers.add(List.of(AccountStateData.of(end.state()), end.lastEvent()));
        return answers;
    }

    private Built buildHistory() {
        NetloomApi.Client owner = accounts.newAccount();
        AccountId account = new AccountId(accountId(owner));
        List<Instant> instants = new ArrayList<>();
        String leaverId = createUser(owner, serviceUser("leaver", "admin"));
        NetloomApi.Client leaver = api.as(createToken(owner, leaverId));
        String key = TestPeers.createReusableKey(owner, List.of());
        String laptop = TestPeers.enroll(api.anonymous(), key, "laptop");
        String router = TestPeers.enroll(api.anonymous(), key, "router");
        String server = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(leaver, List.of()), "server");
        instants.add(Instant.now());
        String admins = createGroup(owner, "admins", laptop);
        String servers = createGroup(owner, "servers", server, router);
        instants.add(Instant.now());
        String policy = createPolicy(owner, "admins to servers", List.of(admins), List.of(servers));
        instants.add(Instant.now());
        for (int i = 0; i < 5; i++) {
            String extra = createGroup(owner, "extra " + i, i % 2 == 0 ? laptop : server);
            instants.add(Instant.now());
            createPolicy(owner, "extra " + i, List.of(extra), List.of(admins));
            instants.add(Instant.now());
        }
        ok(owner.put("/api/groups/{groupId}", group("servers", List.of(server)), servers));
        instants.add(Instant.now());
        ok(owner.post("/api/routes", Map.of("description", "office LAN", "network_id", "office", "enabled", true,
                "peer", router, "network", "198.18.1.0/24", "metric", 100, "masquerade", true,
                "groups", List.of(admins), "keep_route", false)));
        instants.add(Instant.now());
        ok(owner.post("/api/dns/nameservers", Map.of("name", "office DNS", "description", "", "nameservers",
                List.of(Map.of("ip", "198.18.0.53", "ns_type", "udp", "port", 53)), "enabled", true,
                "groups", List.of(admins), "primary", true, "domains", List.of(), "search_domains_enabled", false)));
        String zone = ok(owner.post("/api/dns/zones", Map.of("name", "office", "domain", "corp.example",
                "enable_search_domain", true, "distribution_groups", List.of(servers)))).text("id");
        ok(owner.post("/api/dns/zones/{zoneId}/records", Map.of("name", "www.corp.example", "type", "A",
                "content", "198.18.1.10", "ttl", 300), zone));
        instants.add(Instant.now());
        ok(owner.put("/api/users/{userId}", userUpdate("admin", true), leaverId));
        instants.add(Instant.now());
        ok(owner.delete("/api/policies/{policyId}", policy));
        instants.add(Instant.now());
        return new Built(owner, account, instants, List.of(List.of(laptop, server), List.of(router, laptop)));
    }
}
