package io.netloom.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.gateway.protocol.PeerSignalChannel;
import io.netloom.gateway.protocol.SealedSignal;
import io.netloom.gateway.protocol.X25519Keys;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Signals sealed end to end as daemons seal them, for tests that send them through gateways and read them back. */
final class TestSignals {

    private TestSignals() {
    }

    /** {@code ownId}'s channel to {@code remoteId}, numbering its signals from {@code sequence}. */
    static PeerSignalChannel channel(String ownId, X25519Keys own, String remoteId, X25519Keys remote,
            AtomicLong sequence) {
        return new PeerSignalChannel(ownId, own, remoteId, remote.publicKey(), sequence::incrementAndGet);
    }

    /** The sealed signal a relayed signal message carries. */
    static SealedSignal sealed(JsonNode signal) {
        return new SealedSignal(signal.get("kind").asText(), signal.get("seq").asLong(), signal.get("nonce").asText(),
                signal.get("ciphertext").asText());
    }

    static SealedSignal single(List<SealedSignal> signals) {
        assertThat(signals).hasSize(1);
        return signals.get(0);
    }
}
