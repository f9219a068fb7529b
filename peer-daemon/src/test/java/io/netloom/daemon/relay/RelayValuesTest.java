package io.netloom.daemon.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RelayValuesTest {

    @Test
    void toStringWhenTheServerHasAPasswordThenItIsNotShown() {
        RelayServer server = new RelayServer("203.0.113.1", 443, RelayTransport.TLS, "1700000000:peer", "s3cr3t");

        assertThat(server.toString()).doesNotContain("s3cr3t").contains("tls://203.0.113.1:443");
        assertThat(server.describe()).doesNotContain("s3cr3t").doesNotContain("1700000000:peer");
    }

    @Test
    void newServerWhenThePortIsOutOfRangeThenRefused() {
        assertThatThrownBy(() -> new RelayServer("203.0.113.1", 0, RelayTransport.UDP, "u", "p"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
    }

    @Test
    void peerRefreshIntervalWhenDefaultLifetimesThenHalfThePermissionLifetime() {
        assertThat(TurnTimings.defaults().peerRefreshInterval()).isEqualTo(Duration.ofSeconds(150));
    }

    @Test
    void registerWhenPeersAreAddedThenEachKeepsItsOwnChannelNumber() {
        PeerChannels peers = new PeerChannels();
        InetSocketAddress a = new InetSocketAddress("198.18.0.1", 1);
        InetSocketAddress b = new InetSocketAddress("198.18.0.2", 1);

        PeerChannels.Registration first = peers.register(a).orElseThrow();
        PeerChannels.Registration second = peers.register(b).orElseThrow();
        PeerChannels.Registration again = peers.register(a).orElseThrow();

        assertThat((int) first.peer().channel()).isEqualTo(0x4000);
        assertThat((int) second.peer().channel()).isEqualTo(0x4001);
        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.peer().channel()).isEqualTo(first.peer().channel());
        assertThat(peers.byChannel(second.peer().channel())).isEqualTo(b);
        assertThat(peers.byChannel((char) 0x4002)).isNull();
        assertThat(peers.byChannel((char) 0x5000)).isNull();
    }

    @Test
    void removeWhenASetupFailedThenItsChannelNumberNoLongerNamesThePeer() {
        PeerChannels peers = new PeerChannels();
        InetSocketAddress a = new InetSocketAddress("198.18.0.1", 1);
        char channel = peers.register(a).orElseThrow().peer().channel();

        peers.remove(a);

        assertThat(peers.byChannel(channel)).isNull();
        assertThat(peers.byAddress(a)).isEmpty();
    }

    @Test
    void registerWhenAllChannelNumbersAreTakenThenEmpty() {
        PeerChannels peers = new PeerChannels();
        for (int i = 0; i <= PeerChannels.LAST_CHANNEL - PeerChannels.FIRST_CHANNEL; i++) {
            assertThat(peers.register(new InetSocketAddress("198.18.0.1", 1 + i))).isPresent();
        }

        assertThat(peers.register(new InetSocketAddress("198.18.0.2", 1))).isEmpty();
    }
}
