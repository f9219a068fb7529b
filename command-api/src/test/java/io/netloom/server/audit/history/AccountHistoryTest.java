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
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AccountHistoryTest extends ServerTest {

    @Autowired
    private AccountHistory history;

    @Autowired
    private NetworkMaps maps;

    @Test
    void atWhenNowThenTheReplayedInputsEqualTheLiveModel() throws InterruptedException {
        NetloomApi.Client owner = accounts.newAccount();
        AccountId account = new AccountId(accountId(owner));
        String key = TestPeers.createReusableKey(owner, List.of());
        String laptop = TestPeers.enroll(api.anonymous(), key, "laptop");
        String server = TestPeers.enroll(api.anonymous(), key, "server");
        String admins = createGroup(owner, "admins", laptop);
        String servers = createGroup(owner, "servers", server);
        createPolicy(owner, "ssh", List.of(admins), List.of(servers));

        AccountSnapshot live = liveSnapshotWith(account, 2);
        HistoricState replayed = history.at(account, Instant.now()).orElseThrow();

        assertThat(replayed.state().snapshot()).isEqualTo(live);
        assertThat(replayed.state().membersOf(new GroupId(admins)))
                .hasEntrySatisfying(new PeerId(laptop),
                        added -> assertThat(added.actor()).isEqualTo(currentUserId(owner)));
    }

    @Test
    void atWhenBeforeTheAccountExistedThenEmpty() {
        Instant before = Instant.now();
        NetloomApi.Client owner = accounts.newAccount();

        assertThat(history.at(new AccountId(accountId(owner)), before.minusSeconds(1))).isEmpty();
    }

    /** The live maps follow the store asynchronously; waits until they hold the account's policy. */
    private AccountSnapshot liveSnapshotWith(AccountId account, int peers) throws InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            AccountSnapshot snapshot = maps.snapshot(account).orElse(null);
            if (snapshot != null && snapshot.peers().size() == peers && !snapshot.policies().isEmpty()) {
                return snapshot;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the live maps never caught up");
    }
}
