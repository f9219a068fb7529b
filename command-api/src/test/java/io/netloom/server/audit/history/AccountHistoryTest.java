package io.netloom.server.audit.history;

import static io.netloom.server.testing.TestData.accountId;
import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createPolicy;
import static io.netloom.server.testing.TestData.currentUserId;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.projections.networkmap.AccountSnapshot;
import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.server.readmodel.ReadModelFreshness;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AccountHistoryTest extends ServerTest {

    @Autowired
    private AccountHistory history;

    @Autowired
    private NetworkMaps maps;

    @Autowired
    private EventCitations citations;

    @Autowired
    private ReadModelFreshness freshness;

    @Test
    void atWhenNowThenTheReplayedInputsEqualTheLiveModel() {
        NetloomApi.Client owner = accounts.newAccount();
        AccountId account = new AccountId(accountId(owner));
        String key = TestPeers.createReusableKey(owner, List.of());
        String laptop = TestPeers.enroll(api.anonymous(), key, "laptop");
        String server = TestPeers.enroll(api.anonymous(), key, "server");
        String admins = createGroup(owner, "admins", laptop);
        String servers = createGroup(owner, "servers", server);
        createPolicy(owner, "ssh", List.of(admins), List.of(servers));

        AccountSnapshot live = liveSnapshot(account);
        HistoricState replayed = history.at(account, Instant.now()).orElseThrow();

        assertThat(replayed.state().snapshot()).isEqualTo(live);
        assertThat(replayed.state().membersOf(new GroupId(admins)))
                .hasEntrySatisfying(new PeerId(laptop),
                        added -> assertThat(citations.cite(account, added).actor().onBehalfOf().id())
                                .isEqualTo(currentUserId(owner)));
    }

    @Test
    void atWhenBeforeTheAccountExistedThenEmpty() {
        Instant before = Instant.now();
        NetloomApi.Client owner = accounts.newAccount();

        assertThat(history.at(new AccountId(accountId(owner)), before.minusSeconds(1))).isEmpty();
    }

    /** The live maps follow the store on their own thread; waits until they hold every event stored. */
    private AccountSnapshot liveSnapshot(AccountId account) {
        assertThat(freshness.awaitEventsStoredBefore(Duration.ofSeconds(20))).isTrue();
        return maps.snapshot(account).orElseThrow();
    }
}
