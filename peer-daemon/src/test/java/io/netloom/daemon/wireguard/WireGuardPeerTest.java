package io.netloom.daemon.wireguard;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireGuardPeerTest {

    private static final String KEY = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=";

    @Test
    void constructorWhenAllowedIpSmugglesALineThenRejected() {
        assertThatThrownBy(() -> new WireGuardPeer(KEY, null, List.of("100.64.0.2/32\nprivate_key=00"), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructorWhenAllowedIpHasHostBitsThenRejectedWithSuggestion() {
        assertThatThrownBy(() -> new WireGuardPeer(KEY, null, List.of("100.64.0.7/10"), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("allowed IP 100.64.0.7/10 has host bits set; did you mean 100.64.0.0/10 or 100.64.0.7/32?");
    }

    @Test
    void constructorWhenEndpointIsAnUnresolvedNameThenRejected() {
        assertThatThrownBy(() -> new WireGuardPeer(KEY,
                        InetSocketAddress.createUnresolved("peer.example", 51820), List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endpoint peer.example must be an IP address");
    }

    @Test
    void constructorWhenKeepaliveOutOfRangeThenRejected() {
        assertThatThrownBy(() -> new WireGuardPeer(KEY, null, List.of(), 65536))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
