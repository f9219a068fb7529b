package io.netloom.daemon.map;

import static io.netloom.daemon.map.TestMaps.map;
import static io.netloom.daemon.map.TestMaps.peer;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UsablePeersTest {

    private final RemotePeer good = peer("good", 2);

    @Test
    void ofWhenEntryHasInvalidKeyThenSetAsideWithReasonAndOthersKept() {
        RemotePeer badKey = new RemotePeer("bad", "not-a-key", "100.64.0.3/32", "bad.n", true);
        RemotePeer shortKey = new RemotePeer("short", "AAAA", "100.64.0.4/32", "short.n", true);

        UsablePeers usable = UsablePeers.of(map(1, List.of(badKey, good, shortKey), List.of()), "own");

        assertThat(usable.peers()).containsExactly(good);
        assertThat(usable.problems()).containsExactly(
                "peer bad ignored: public key is not a 32-byte base64 WireGuard key",
                "peer short ignored: public key is not a 32-byte base64 WireGuard key");
    }

    @Test
    void ofWhenAllowedIpIsARangeOrGarbageThenSetAside() {
        RemotePeer wholeInternet = new RemotePeer("wide", peer("x", 9).publicKey(), "0.0.0.0/0", "w.n", true);
        RemotePeer injection = new RemotePeer("inj", peer("y", 9).publicKey(), "100.64.0.5/32\nendpoint=1.2.3.4:1",
                "i.n", true);

        UsablePeers usable = UsablePeers.of(map(1, List.of(wholeInternet, injection, good), List.of()), "own");

        assertThat(usable.peers()).containsExactly(good);
        assertThat(usable.problems()).hasSize(2).allMatch(problem -> problem.contains("is not a single IPv4 address"));
    }

    @Test
    void ofWhenTwoPeersClaimOneAddressOrOwnKeyThenOnlyTheFirstKept() {
        RemotePeer thief = new RemotePeer("thief", peer("z", 9).publicKey(), good.allowedIp(), "t.n", true);
        RemotePeer mirror = new RemotePeer("mirror", peer("m", 9).publicKey(), "100.64.0.9/32", "m.n", true);

        UsablePeers usable = UsablePeers.of(map(1, List.of(good, thief, mirror), List.of()), mirror.publicKey());

        assertThat(usable.peers()).containsExactly(good);
        assertThat(usable.problems()).containsExactly(
                "peer thief ignored: allowed IP 100.64.0.2/32 is already another peer's",
                "peer mirror ignored: it has this device's own public key");
    }
}
