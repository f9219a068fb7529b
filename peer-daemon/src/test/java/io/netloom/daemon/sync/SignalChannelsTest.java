package io.netloom.daemon.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.daemon.map.RemotePeer;
import io.netloom.daemon.map.TestMaps;
import io.netloom.gateway.protocol.PeerSignalChannel;
import io.netloom.gateway.protocol.SealedSignal;
import io.netloom.gateway.protocol.X25519Keys;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SignalChannelsTest {

    private final X25519Keys ownKeys = X25519Keys.generate();
    private final X25519Keys remoteKeys = X25519Keys.generate();
    private final AtomicLong sequence = new AtomicLong(1_000);
    private final SignalChannels channels = new SignalChannels("peer-a", ownKeys, sequence::incrementAndGet);
    private final RemotePeer remote = new RemotePeer("peer-b", remoteKeys.publicKeyBase64(), "100.64.0.2/32",
            "b.netloom.internal", true);

    @Test
    void withWhenSamePeerAndKeyThenTheSameChannel() {
        assertThat(channels.with(remote)).isSameAs(channels.with(remote));
    }

    @Test
    void withWhenThePeerLoggedInWithANewKeyThenANewChannelAndTheOldOneForgotten() {
        PeerSignalChannel old = established(channels.with(remote));
        RemotePeer again = new RemotePeer("peer-b", X25519Keys.generate().publicKeyBase64(), "100.64.0.2/32",
                "b.netloom.internal", true);

        PeerSignalChannel renewed = channels.with(again);

        assertThat(renewed).isNotSameAs(old);
        assertThat(renewed.isWith(X25519Keys.decodePublicKey(again.publicKey()))).isTrue();
        assertThat(old.send(PeerSignalChannel.ANSWER, new byte[1])).as("the old keys are erased").isEmpty();
    }

    @Test
    void keepOnlyWhenThePeerLeftTheMapThenItsKeysAreErased() {
        PeerSignalChannel channel = established(channels.with(remote));

        channels.keepOnly(TestMaps.map(2, List.of(TestMaps.peer("peer-c", 3)), List.of()));

        assertThat(channel.send(PeerSignalChannel.ANSWER, new byte[1])).isEmpty();
        assertThat(channels.with(remote)).isNotSameAs(channel);
    }

    @Test
    void keepOnlyWhenThePeerIsBackWithANewKeyThenTheOldKeysAreErased() {
        PeerSignalChannel channel = established(channels.with(remote));
        RemotePeer again = new RemotePeer("peer-b", X25519Keys.generate().publicKeyBase64(), "100.64.0.2/32",
                "b.netloom.internal", true);

        channels.keepOnly(TestMaps.map(2, List.of(again), List.of()));

        assertThat(channel.send(PeerSignalChannel.ANSWER, new byte[1])).isEmpty();
    }

    @Test
    void keepOnlyWhenThePeerIsStillThereWithItsKeyThenItsChannelStays() {
        PeerSignalChannel channel = established(channels.with(remote));

        channels.keepOnly(TestMaps.map(2, List.of(remote), List.of()));

        assertThat(channels.with(remote)).isSameAs(channel);
        assertThat(channel.send(PeerSignalChannel.ANSWER, new byte[1])).hasSize(1);
    }

    @Test
    void withWhenTheMapEntryHasNoUsableKeyThenRefused() {
        RemotePeer broken = new RemotePeer("peer-d", "not-a-key", "100.64.0.4/32", "d.netloom.internal", true);

        assertThatThrownBy(() -> channels.with(broken)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Runs a handshake with the remote peer's own channel, so that {@code channel} holds keys to send under. */
    private PeerSignalChannel established(PeerSignalChannel channel) {
        PeerSignalChannel other = new PeerSignalChannel("peer-b", remoteKeys, "peer-a", ownKeys.publicKey(),
                new AtomicLong(1)::incrementAndGet);
        SealedSignal reply = other.receive(channel.send(PeerSignalChannel.OFFER, new byte[1]).get(0)).replies().get(0);
        other.receive(channel.receive(reply).replies().get(0));
        assertThat(channel.send(PeerSignalChannel.ANSWER, new byte[1])).hasSize(1);
        return channel;
    }
}
