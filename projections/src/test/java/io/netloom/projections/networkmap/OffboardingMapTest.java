package io.netloom.projections.networkmap;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyRuleId;
import io.netloom.domain.policy.PolicyRule;
import io.netloom.domain.policy.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Blocking or deleting a person cuts every peer of theirs at once: the devices they signed in and, while setup-key
 * peers are offboarded with their creator (the default), the servers enrolled with the keys they created.
 * Unblocking restores the same maps.
 */
class OffboardingMapTest {

    private static TestNetwork meshOf(boolean offboardSetupKeyPeers) {
        TestNetwork network = new TestNetwork(offboardSetupKeyPeers);
        network.createSetupKey("alices-key", "alice");
        network.createSetupKey("bobs-key", "bob");
        network.enroll("laptop", "alice", true);
        network.enrollWithKey("build-server", "alices-key");
        network.enroll("phone", "bob", true);
        network.enrollWithKey("database", "bobs-key");
        network.createPolicy("mesh", true, List.of(new PolicyRule(new PolicyRuleId("mesh"), "mesh", "", true, true,
                Protocol.ALL, List.of(), Set.of(TestNetwork.ALL), Set.of(TestNetwork.ALL))));
        return network;
    }

    private static List<String> remotesOf(TestNetwork network, String peer) {
        return network.mapOf(peer).remotePeers().stream().map(RemotePeer::id).toList();
    }

    @Test
    void blockUserWhenSetupKeyPeersOffboardedThenTheirDevicesAndTheirKeysPeersLeaveEveryMap() {
        TestNetwork network = meshOf(true);

        network.blockUser("alice");

        assertThat(remotesOf(network, "phone")).containsExactlyInAnyOrder("database");
        assertThat(remotesOf(network, "database")).containsExactlyInAnyOrder("phone");
        assertThat(remotesOf(network, "laptop")).isEmpty();
        assertThat(remotesOf(network, "build-server")).isEmpty();
    }

    @Test
    void blockUserWhenSetupKeyPeersKeptThenOnlyTheirDevicesLeave() {
        TestNetwork network = meshOf(false);

        network.blockUser("alice");

        assertThat(remotesOf(network, "phone")).containsExactlyInAnyOrder("build-server", "database");
        assertThat(remotesOf(network, "laptop")).isEmpty();
    }

    @Test
    void blockUserWhenBlockedThenEverySessionOfThePersonIsRevokedAndNoOtherOne() {
        TestNetwork network = meshOf(true);
        List<PeerId> revoked = new ArrayList<>();
        network.maps().subscribe(new MapUpdateListener() {
            @Override
            public void mapsChanged(AccountId account, List<PeerMapUpdate> updates) {
            }

            @Override
            public void peerRevoked(AccountId account, PeerId peer, String reason) {
                revoked.add(peer);
            }
        });

        network.blockUser("alice");

        assertThat(revoked).containsExactlyInAnyOrder(TestNetwork.peerId("laptop"), TestNetwork.peerId("build-server"));
    }

    @Test
    void unblockUserWhenBlockedBeforeThenEveryMapAsBefore() {
        TestNetwork network = meshOf(true);
        List<NetworkMap> before = List.of("laptop", "build-server", "phone", "database").stream()
                .map(peer -> network.mapOf(peer).withSerial(0)).toList();

        network.blockUser("alice");
        network.unblockUser("alice");

        List<NetworkMap> after = List.of("laptop", "build-server", "phone", "database").stream()
                .map(peer -> network.mapOf(peer).withSerial(0)).toList();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void deleteUserWhenDeletedThenTheirPeersStayCutOff() {
        TestNetwork network = meshOf(true);

        network.deleteUser("bob");

        assertThat(remotesOf(network, "laptop")).containsExactlyInAnyOrder("build-server");
        assertThat(network.maps().isCutOff(TestNetwork.ACCOUNT, TestNetwork.peerId("database"))).isTrue();
    }

    @Test
    void blockUserWhenBlockedThenTheRecomputedMapsAgreeWithTheIncrementalOnes() {
        TestNetwork network = meshOf(true);

        network.blockUser("bob");

        AccountSnapshot snapshot = network.snapshot();
        for (String peer : List.of("laptop", "build-server", "phone", "database")) {
            assertThat(NetworkMapCalculator.mapOf(snapshot, TestNetwork.peerId(peer)).withSerial(0))
                    .as(peer).isEqualTo(network.mapOf(peer).withSerial(0));
        }
    }
}
