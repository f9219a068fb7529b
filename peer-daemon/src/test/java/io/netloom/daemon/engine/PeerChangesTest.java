package io.netloom.daemon.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.firewall.FirewallRuleset;
import io.netloom.daemon.firewall.ForwardFilter;
import io.netloom.daemon.map.NetworkMap;
import io.netloom.daemon.map.OverlayBounds;
import io.netloom.daemon.map.RemotePeer;
import io.netloom.daemon.map.UsablePeers;
import io.netloom.daemon.sync.MapFloors;
import io.netloom.daemon.sync.MapTrust;
import io.netloom.daemon.sync.VerifiedMaps;
import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.ids.PolicyRuleId;
import io.netloom.domain.policy.PolicyRule;
import io.netloom.domain.policy.Protocol;
import io.netloom.gateway.protocol.SignedMapEnvelope;
import io.netloom.gateway.protocol.X25519Keys;
import io.netloom.mapsigning.MapMessageSigner;
import io.netloom.mapsigning.MapSigningKeys;
import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.projections.networkmap.PeerNode;
import io.netloom.projections.networkmap.PolicySpec;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the engine changes for a new map. The case that matters for failover (ADR 0057): a daemon that moves to another
 * server process gets that process's full map, with another serial and model but the same content; applying it must
 * touch no WireGuard peer, no ICE connection, no firewall rule and no address.
 */
class PeerChangesTest {

    private static final AccountId ACCOUNT = new AccountId("account-1");
    private static final GroupId MESH = new GroupId("mesh");
    private static final RemotePeer B = new RemotePeer("b", X25519Keys.generate().publicKeyBase64(), "100.64.0.2/32",
            "b.netloom.internal", true, List.of());
    private static final RemotePeer C = new RemotePeer("c", X25519Keys.generate().publicKeyBase64(), "100.64.0.3/32",
            "c.netloom.internal", true, List.of());

    private final Map<String, X25519Keys> keys = new LinkedHashMap<>();

    @Test
    void betweenWhenFullMapOfAnotherProcessWithSameContentThenNothingChangesInWireGuardIceFirewallOrAddress() {
        byte[] masterSecret = new byte[MapSigningKeys.MASTER_SECRET_BYTES];
        new SecureRandom().nextBytes(masterSecret);
        MapSigningKeys signingKeys = new MapSigningKeys(masterSecret);
        NetworkMaps first = process();
        NetworkMaps second = process();
        // The second process counts more serials for the same content.
        enroll(second, "x", "100.64.0.9");
        second.change(ACCOUNT, network -> network.removePeer(new PeerId("x")));
        VerifiedMaps verified = new VerifiedMaps(new MapTrust(
                SignedMapEnvelope.decodePublicKey(signingKeys.publicKeyBase64(ACCOUNT)),
                new SignedMapEnvelope.Recipient(ACCOUNT.value(), "a"), OverlayBounds.of(Ipv4Network.DEFAULT.cidr())),
                MapFloors.none(), floors -> { });
        String ownKey = keys.get("a").publicKeyBase64();

        NetworkMap before = accepted(verified.receive(fullMapOf(first, signingKeys)));
        NetworkMap after = accepted(verified.receive(fullMapOf(second, signingKeys)));

        assertThat(after.serial()).isNotEqualTo(before.serial());
        Map<String, RemotePeer> applied = new LinkedHashMap<>();
        UsablePeers.of(before, ownKey).peers().forEach(peer -> applied.put(peer.id(), peer));
        assertThat(applied).hasSize(2);
        assertThat(PeerChanges.between(applied, UsablePeers.of(after, ownKey).peers()).isEmpty()).isTrue();
        assertThat(FirewallRuleset.compile("nl-test", after.inboundRules(), ForwardFilter.of(after)).script())
                .isEqualTo(FirewallRuleset.compile("nl-test", before.inboundRules(), ForwardFilter.of(before)).script());
        assertThat(after.config().address()).isEqualTo(before.config().address());
    }

    @Test
    void betweenWhenPeerGoneNewChangedOrRekeyedThenEachNamed() {
        RemotePeer cOffline = new RemotePeer("c", C.publicKey(), C.allowedIp(), C.fqdn(), false, List.of());
        RemotePeer bRekeyed = new RemotePeer("b", X25519Keys.generate().publicKeyBase64(), B.allowedIp(), B.fqdn(),
                true, List.of());
        RemotePeer d = new RemotePeer("d", X25519Keys.generate().publicKeyBase64(), "100.64.0.4/32",
                "d.netloom.internal", true, List.of());

        PeerChanges changes = PeerChanges.between(Map.of("b", B, "c", C), List.of(bRekeyed, cOffline, d));

        assertThat(changes.removed()).containsExactly(B);
        assertThat(changes.added()).containsExactlyInAnyOrder(bRekeyed, d);
        assertThat(changes.updated()).containsExactly(new PeerChanges.Update(C, cOffline));
    }

    @Test
    void betweenWhenSameEntriesThenEmpty() {
        assertThat(PeerChanges.between(Map.of("b", B, "c", C), List.of(C, B)).isEmpty()).isTrue();
    }

    private NetworkMaps process() {
        NetworkMaps maps = new NetworkMaps();
        maps.createAccount(ACCOUNT, Ipv4Network.DEFAULT, "netloom.internal");
        maps.change(ACCOUNT, network -> network.addGroup(new GroupId("all"), true));
        maps.change(ACCOUNT, network -> network.addGroup(MESH, false));
        maps.change(ACCOUNT, network -> network.putPolicy(new PolicyId("mesh"), new PolicySpec(true, List.of(
                new PolicyRule(new PolicyRuleId("mesh"), "mesh", "", true, true, Protocol.ALL, List.of(),
                        Set.of(MESH), Set.of(MESH))))));
        enroll(maps, "a", "100.64.0.1");
        enroll(maps, "b", "100.64.0.2");
        enroll(maps, "c", "100.64.0.3");
        return maps;
    }

    private void enroll(NetworkMaps maps, String name, String address) {
        X25519Keys peerKeys = keys.computeIfAbsent(name, ignored -> X25519Keys.generate());
        PeerId id = new PeerId(name);
        maps.change(ACCOUNT, network -> network.addPeer(new PeerNode(id, peerKeys.publicKeyBase64(), address, name,
                null, true, false)));
        maps.change(ACCOUNT, network -> network.addToGroup(MESH, Set.of(id)));
    }

    private static String fullMapOf(NetworkMaps maps, MapSigningKeys signingKeys) {
        PeerId a = new PeerId("a");
        return new MapMessageSigner(signingKeys).fullMap(ACCOUNT, a, maps.mapOf(ACCOUNT, a).orElseThrow(),
                maps.modelId()).text();
    }

    private static NetworkMap accepted(VerifiedMaps.Outcome outcome) {
        assertThat(outcome).isInstanceOf(VerifiedMaps.Accepted.class);
        return ((VerifiedMaps.Accepted) outcome).map();
    }
}
