package io.netloom.ops.bench.networkmap;

import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.ids.PolicyRuleId;
import io.netloom.domain.policy.PolicyRule;
import io.netloom.domain.policy.PortRange;
import io.netloom.domain.policy.Protocol;
import io.netloom.projections.networkmap.AccountModel;
import io.netloom.projections.networkmap.AccountNetwork;
import io.netloom.projections.networkmap.PeerNode;
import io.netloom.projections.networkmap.PolicySpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The topology of NetBird's own network-map benchmark: peers spread evenly over groups, and for each
 * group a bidirectional all-protocol policy from the group to itself.
 *
 * @param shape "peers/groups", e.g. "5000/200"
 */
record MeshFixture(int peers, int groups) {

    static final GroupId ALL = new GroupId("all");

    static MeshFixture of(String shape) {
        String[] parts = shape.split("/");
        return new MeshFixture(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }

    AccountNetwork build() {
        AccountNetwork network = new AccountNetwork(new Ipv4Network("100.64.0.0/10"), "netloom.internal");
        populate(network);
        return network;
    }

    /** Adds the topology to an empty network (e.g. one held by {@code NetworkMaps}). */
    void populate(AccountModel network) {
        network.addGroup(ALL, true);
        for (int group = 0; group < groups; group++) {
            network.addGroup(groupId(group), false);
            network.putPolicy(policyId(group), meshPolicy(group, Protocol.ALL));
        }
        for (int peer = 0; peer < peers; peer++) {
            network.addPeer(node(peer));
            network.addToGroup(groupId(peer % groups), Set.of(peerId(peer)));
        }
    }

    static PolicySpec meshPolicy(int group, Protocol protocol) {
        List<PortRange> ports = protocol == Protocol.TCP ? List.of(new PortRange(22, 22)) : List.of();
        return new PolicySpec(true, List.of(new PolicyRule(new PolicyRuleId("rule-" + group), "mesh", "", true,
                true, protocol, ports, Set.of(groupId(group)), Set.of(groupId(group)))));
    }

    static PeerNode node(int peer) {
        byte[] key = new byte[32];
        for (int i = 0; i < 4; i++) {
            key[i] = (byte) (peer >>> (8 * i));
        }
        String address = "100.64." + (peer / 250) + "." + (1 + peer % 250);
        return new PeerNode(peerId(peer), Base64.getEncoder().encodeToString(key), address, "peer-" + peer, null,
                true, false);
    }

    static PeerId peerId(int peer) {
        return new PeerId("peer-" + peer);
    }

    static GroupId groupId(int group) {
        return new GroupId("group-" + group);
    }

    static PolicyId policyId(int group) {
        return new PolicyId("policy-" + group);
    }
}
