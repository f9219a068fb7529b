package io.netloom.projections.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.projections.networkmap.AccountSnapshot;
import io.netloom.projections.networkmap.PeerNode;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountStateSnapshotTest {

    @Test
    void snapshotWhenStateChangesAfterwardsThenTheSnapshotStaysAsItWas() {
        AccountState state = new AccountState(Ipv4Network.DEFAULT, "netloom.internal");
        GroupId admins = new GroupId("admins");
        PeerId laptop = new PeerId("laptop");
        state.addGroup(admins, false);
        state.addPeer(new PeerNode(laptop, "key", "100.64.0.1", "laptop", null, true, false));
        AccountSnapshot before = state.snapshot();

        state.addToGroup(admins, Set.of(laptop));

        assertThat(before.groupMembers().get(admins)).isEmpty();
        assertThat(state.snapshot().groupMembers().get(admins)).containsExactly(laptop);
    }
}
