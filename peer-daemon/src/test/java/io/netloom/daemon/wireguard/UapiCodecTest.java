package io.netloom.daemon.wireguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class UapiCodecTest {

    // 0x01 repeated and 0xab repeated, as base64 and as the hex the UAPI wants.
    private static final String KEY_A = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=";
    private static final String KEY_A_HEX = "01".repeat(32);
    private static final String KEY_B = "q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s=";
    private static final String KEY_B_HEX = "ab".repeat(32);

    @Test
    void upsertPeerRequestWhenParsedBackThenYieldsEveryLineInProtocolOrder() throws IOException {
        WireGuardPeer peer = new WireGuardPeer(KEY_A, endpoint("198.18.0.2", 51820),
                List.of("100.64.0.2/32", "198.18.10.0/24"), 25);

        String request = UapiCodec.upsertPeerRequest(peer);

        assertThat(request).isEqualTo("set=1\n"
                + "public_key=" + KEY_A_HEX + "\n"
                + "replace_allowed_ips=true\n"
                + "allowed_ip=100.64.0.2/32\n"
                + "allowed_ip=198.18.10.0/24\n"
                + "endpoint=198.18.0.2:51820\n"
                + "persistent_keepalive_interval=25\n"
                + "\n");
        assertThat(UapiCodec.parse(request)).containsExactly(
                new UapiPair("set", "1"),
                new UapiPair("public_key", KEY_A_HEX),
                new UapiPair("replace_allowed_ips", "true"),
                new UapiPair("allowed_ip", "100.64.0.2/32"),
                new UapiPair("allowed_ip", "198.18.10.0/24"),
                new UapiPair("endpoint", "198.18.0.2:51820"),
                new UapiPair("persistent_keepalive_interval", "25"));
    }

    @Test
    void upsertPeerRequestWhenNoEndpointThenLeavesEndpointOut() {
        WireGuardPeer peer = new WireGuardPeer(KEY_A, null, List.of(), 0);

        assertThat(UapiCodec.upsertPeerRequest(peer)).isEqualTo("set=1\npublic_key=" + KEY_A_HEX
                + "\nreplace_allowed_ips=true\npersistent_keepalive_interval=0\n\n");
    }

    @Test
    void upsertPeerRequestWhenIpv6EndpointThenBracketsTheAddress() throws IOException {
        WireGuardPeer peer = new WireGuardPeer(KEY_A, endpoint("2001:db8::1", 51820), List.of("fd00::/64"), 0);

        assertThat(UapiCodec.parse(UapiCodec.upsertPeerRequest(peer)))
                .contains(new UapiPair("endpoint", "[2001:db8:0:0:0:0:0:1]:51820"));
    }

    @Test
    void removePeerRequestWhenBase64KeyThenSendsHexKeyAndRemove() {
        assertThat(UapiCodec.removePeerRequest(KEY_B)).isEqualTo("set=1\npublic_key=" + KEY_B_HEX + "\nremove=true\n\n");
    }

    @Test
    void configureRequestWhenKeyAndPortThenHexKeyAndPort() {
        byte[] privateKey = new byte[32];
        Arrays.fill(privateKey, (byte) 0xab);

        assertThat(UapiCodec.configureRequest(privateKey, 51820))
                .isEqualTo("set=1\nprivate_key=" + KEY_B_HEX + "\nlisten_port=51820\n\n");
    }

    @Test
    void configureRequestWhenKeyHasWrongLengthThenRejectedWithoutQuotingIt() {
        assertThatThrownBy(() -> UapiCodec.configureRequest(new byte[] {42, 43}, 51820))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a WireGuard private key has exactly 32 bytes");
    }

    @Test
    void statisticsWhenGetAnswerHasSeveralPeersThenReportsEachWithItsCounters() throws IOException {
        String answer = "private_key=" + "cd".repeat(32) + "\n"
                + "listen_port=51820\n"
                + "public_key=" + KEY_A_HEX + "\n"
                + "preshared_key=" + "00".repeat(32) + "\n"
                + "protocol_version=1\n"
                + "endpoint=198.18.0.2:51821\n"
                + "last_handshake_time_sec=1700000000\n"
                + "last_handshake_time_nsec=250000000\n"
                + "tx_bytes=1024\n"
                + "rx_bytes=2048\n"
                + "persistent_keepalive_interval=25\n"
                + "allowed_ip=100.64.0.2/32\n"
                + "public_key=" + KEY_B_HEX + "\n"
                + "preshared_key=" + "00".repeat(32) + "\n"
                + "protocol_version=1\n"
                + "last_handshake_time_sec=0\n"
                + "last_handshake_time_nsec=0\n"
                + "tx_bytes=148\n"
                + "rx_bytes=0\n"
                + "persistent_keepalive_interval=0\n"
                + "errno=0\n"
                + "\n";

        assertThat(UapiCodec.statistics(answer)).containsExactly(
                new PeerStatistics(KEY_A, endpoint("198.18.0.2", 51821),
                        Instant.ofEpochSecond(1_700_000_000, 250_000_000), 2048, 1024),
                new PeerStatistics(KEY_B, null, null, 0, 148));
        assertThat(UapiCodec.listenPort(answer)).isEqualTo(51820);
    }

    @Test
    void statisticsWhenEndpointIsLinkLocalWithScopeThenReportsTheAddress() throws IOException {
        String answer = "public_key=" + KEY_A_HEX + "\nendpoint=[fe80::1%eth0]:51820\nerrno=0\n\n";

        assertThat(UapiCodec.statistics(answer)).extracting(PeerStatistics::endpoint)
                .containsExactly(endpoint("fe80::1", 51820));
    }

    @Test
    void statisticsWhenNoPeersThenEmpty() throws IOException {
        assertThat(UapiCodec.statistics("listen_port=51820\nerrno=0\n\n")).isEmpty();
    }

    @Test
    void requireSuccessWhenErrnoZeroThenPasses() throws IOException {
        UapiCodec.requireSuccess("errno=0\n\n", "configure peer");
    }

    @Test
    void requireSuccessWhenWireGuardGoReportsNegativeErrnoThenReadableMessage() {
        assertThatThrownBy(() -> UapiCodec.requireSuccess("errno=-22\n\n", "configure peer x on nlt0"))
                .isInstanceOf(IOException.class)
                .hasMessage("WireGuard could not configure peer x on nlt0: invalid argument (errno 22)");
    }

    @Test
    void requireSuccessWhenPortInUseThenSaysSo() {
        assertThatThrownBy(() -> UapiCodec.requireSuccess("errno=98\n\n", "set the listen port"))
                .hasMessage("WireGuard could not set the listen port: "
                        + "address already in use (is another program using the listen port?) (errno 98)");
    }

    @Test
    void requireSuccessWhenAnswerIsCutShortThenFails() {
        assertThatThrownBy(() -> UapiCodec.requireSuccess("errno=0\n", "configure"))
                .isInstanceOf(IOException.class)
                .hasMessage("WireGuard's answer was cut short (no closing empty line)");
        assertThatThrownBy(() -> UapiCodec.requireSuccess("listen_port=1\n\n", "configure"))
                .isInstanceOf(IOException.class)
                .hasMessage("WireGuard did not configure: its answer has no errno line");
    }

    @Test
    void statisticsWhenLineIsMalformedThenFailsWithoutQuotingIt() {
        String answer = "private_key " + "cd".repeat(32) + "\nerrno=0\n\n";

        assertThatThrownBy(() -> UapiCodec.statistics(answer))
                .isInstanceOf(IOException.class)
                .hasMessage("WireGuard's answer has a malformed line 1");
    }

    @Test
    void uapiPairWhenSecretThenToStringHidesIt() {
        assertThat(new UapiPair("private_key", "cd".repeat(32))).hasToString("private_key=(secret)");
        assertThat(new UapiPair("listen_port", "1")).hasToString("listen_port=1");
    }

    private static InetSocketAddress endpoint(String address, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(address), port);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
