package io.netloom.daemon.wireguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WgDumpTest {

    private static final String KEY_A = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=";
    private static final String KEY_B = "q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s=";
    private static final String PRIVATE = "zc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc0=";

    @Test
    void peersWhenDumpHasTwoPeersThenSkipsInterfaceLineAndReadsBoth() throws IOException {
        String dump = PRIVATE + "\t" + KEY_B + "\t51820\toff\n"
                + KEY_A + "\t(none)\t198.18.0.2:51821\t100.64.0.2/32\t1700000000\t2048\t1024\t25\n"
                + KEY_B + "\t(none)\t(none)\t(none)\t0\t0\t0\toff\n";

        assertThat(WgDump.peers(dump)).containsExactly(
                new PeerStatistics(KEY_A, new InetSocketAddress(InetAddress.getByName("198.18.0.2"), 51821),
                        Instant.ofEpochSecond(1_700_000_000), 2048, 1024),
                new PeerStatistics(KEY_B, null, null, 0, 0));
    }

    @Test
    void peersWhenLineIsTruncatedThenFailsWithoutQuotingThePrivateKey() {
        String dump = PRIVATE + "\t" + KEY_B + "\t51820\toff\n" + KEY_A + "\t(none)\n";

        assertThatThrownBy(() -> WgDump.peers(dump))
                .isInstanceOf(IOException.class)
                .hasMessage("unexpected `wg show` output on line 2: 2 fields instead of 8")
                .message().doesNotContain(PRIVATE);
    }
}
