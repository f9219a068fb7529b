package io.netloom.projections.networkmap;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.PolicyRuleId;
import io.netloom.domain.policy.PolicyRule;
import io.netloom.domain.policy.Protocol;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A person's device whose login expired drops out of every map, and comes back when they sign in again. */
class LoginExpiryMapTest {

    private final TestNetwork network = new TestNetwork();

    @BeforeEach
    void setUp() {
        network.enroll("laptop", "alice", true);
        network.enroll("server", null, true);
        network.enroll("phone", "bob", true);
        network.createPolicy("mesh", true, List.of(new PolicyRule(new PolicyRuleId("mesh"), "mesh", "", true, true,
                Protocol.ALL, List.of(), Set.of(TestNetwork.ALL), Set.of(TestNetwork.ALL))));
    }

    private List<String> remotesOf(String peer) {
        return network.mapOf(peer).remotePeers().stream().map(RemotePeer::id).toList();
    }

    @Test
    void expireLoginWhenPeerExpiresThenAbsentFromEveryOtherMap() {
        assertThat(remotesOf("server")).contains("laptop");

        network.expireLogin("laptop");

        assertThat(remotesOf("server")).containsExactly("phone");
        assertThat(remotesOf("phone")).containsExactly("server");
        assertThat(network.maps().canReach(TestNetwork.ACCOUNT, TestNetwork.peerId("server"),
                TestNetwork.peerId("laptop"))).isFalse();
    }

    @Test
    void expireLoginWhenPeerExpiresThenItsOwnMapIsEmpty() {
        network.expireLogin("laptop");

        NetworkMap own = network.mapOf("laptop");
        assertThat(own.remotePeers()).isEmpty();
        assertThat(own.inboundRules()).isEmpty();
        assertThat(own.config().address()).isEqualTo("100.64.0.1/10");
    }

    @Test
    void renewLoginWhenExpiredPeerSignsInAgainThenRestoredWithSameKeyAndAddress() {
        NetworkMap before = network.mapOf("server");
        network.expireLogin("laptop");

        network.renewLogin("laptop", "alice");

        assertThat(network.mapOf("server").withSerial(0)).isEqualTo(before.withSerial(0));
        assertThat(remotesOf("laptop")).containsExactlyInAnyOrder("server", "phone");
        assertThat(network.mapOf("laptop").config().address()).isEqualTo("100.64.0.1/10");
    }

    @Test
    void expireLoginWhenPeerExpiresThenOthersGetDeltasNotFullMaps() {
        int published = network.updates().size();

        network.expireLogin("laptop");

        List<PeerMapUpdate> sent = network.updates().subList(published, network.updates().size());
        assertThat(sent).extracting(update -> update.peer().value())
                .containsExactlyInAnyOrder("laptop", "server", "phone");
        assertThat(sent).filteredOn(update -> !update.peer().value().equals("laptop"))
                .allSatisfy(update -> assertThat(update.delta().removedPeers()).containsExactly("laptop"));
    }

    @Test
    void renewLoginWhenPeerNotExpiredThenNoMapChanges() {
        int published = network.updates().size();

        network.renewLogin("laptop", "alice");

        assertThat(network.updates()).hasSize(published);
    }
}
