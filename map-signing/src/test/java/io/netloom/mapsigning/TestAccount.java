package io.netloom.mapsigning;

import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.ids.PolicyRuleId;
import io.netloom.domain.policy.PolicyRule;
import io.netloom.domain.policy.Protocol;
import io.netloom.gateway.protocol.SignedMapEnvelope;
import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.projections.networkmap.PeerNode;
import io.netloom.projections.networkmap.PolicySpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/** One account on a real network-map model whose peers all reach each other, and its signing keys. */
final class TestAccount {

    static final AccountId ACCOUNT = new AccountId("account-1");
    static final GroupId MESH = new GroupId("mesh");

    final NetworkMaps maps = new NetworkMaps();
    final MapSigningKeys keys = new MapSigningKeys(new byte[MapSigningKeys.MASTER_SECRET_BYTES]);
    private int hosts;

    TestAccount() {
        maps.createAccount(ACCOUNT, Ipv4Network.DEFAULT, "netloom.internal");
        maps.change(ACCOUNT, network -> network.addGroup(new GroupId("all"), true));
        maps.change(ACCOUNT, network -> network.addGroup(MESH, false));
        maps.change(ACCOUNT, network -> network.putPolicy(new PolicyId("mesh"), new PolicySpec(true, List.of(
                new PolicyRule(new PolicyRuleId("mesh"), "mesh", "", true, true, Protocol.ALL, List.of(),
                        Set.of(MESH), Set.of(MESH))))));
    }

    PeerId enroll(String name) {
        PeerId id = new PeerId(name);
        int host = ++hosts;
        byte[] key = new byte[32];
        key[0] = (byte) host;
        key[1] = (byte) (host >> 8);
        maps.change(ACCOUNT, network -> network.addPeer(new PeerNode(id, Base64.getEncoder().encodeToString(key),
                "100.64." + host / 250 + "." + (1 + host % 250), name, null, true, false)));
        maps.change(ACCOUNT, network -> network.addToGroup(MESH, Set.of(id)));
        return id;
    }

    byte[] publicKey() {
        return Base64.getDecoder().decode(keys.publicKeyBase64(ACCOUNT));
    }

    static SignedMapEnvelope.Recipient recipient(PeerId peer) {
        return new SignedMapEnvelope.Recipient(ACCOUNT.value(), peer.value());
    }

    /** Whether the message verifies for {@code peer} with the account's key. */
    boolean verifiesFor(SignedMapMessage message, PeerId peer) {
        return SignedMapEnvelope.open(message.text()).isSignedBy(publicKey(), recipient(peer));
    }
}
