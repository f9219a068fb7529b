package io.netloom.daemon.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalCodecTest {

    private static final String UFRAG = "abcd1234";
    private static final String PWD = "0123456789abcdefghijklmnop";

    private static IceDescription sample() {
        return new IceDescription("session-0001", false, UFRAG, PWD, List.of(
                new IceCandidate("host", "198.18.240.1", 40000, 2130706431L, "1", null, 0),
                new IceCandidate("srflx", "203.0.113.7", 51000, 1694498815L, "2", "198.18.240.1", 40000),
                new IceCandidate("relay", "198.18.240.3", 50001, 16777215L, "3", "198.18.240.1", 40000)), List.of());
    }

    @Test
    void roundTrips() throws Exception {
        IceDescription decoded = SignalCodec.decodeDescription(SignalCodec.encodeDescription(sample()));
        assertThat(decoded).isEqualTo(sample());
        assertThat(SignalCodec.decodeClose(SignalCodec.encodeClose("session-0001"))).isEqualTo("session-0001");
        assertThat(SignalCodec.decodeClose(SignalCodec.encodeClose(null))).isNull();
    }

    @Test
    void rejectsGarbageWithReadableReasons() {
        assertRejected("", "empty payload");
        assertRejected("not json at all", "not JSON");
        assertRejected("[1,2]", "not a JSON object");
        assertRejected("{\"v\":1,\"session\":\"session-0001\"}", "unsupported version 1, expected 2");
        assertRejected("{\"v\":2,\"session\":\"s\",\"ufrag\":\"" + UFRAG + "\",\"pwd\":\"" + PWD + "\",\"candidates\":[]}",
                "session id \"s\"");
        assertRejected(description("\"bad ufrag!\"", "[" + host("198.18.240.1", 1) + "]"), "ufrag must be");
        assertRejected(description("\"" + UFRAG + "\"", "{}"), "\"candidates\" must be an array");
        assertRejected(description("\"" + UFRAG + "\"", "[]"), "no candidates");
        assertRejected("{\"v\":2,\"session\":\"session-0001\",\"ufrag\":\"" + UFRAG + "\",\"pwd\":\"" + PWD
                + "\",\"candidates\":[],\"extra\":1}", "unknown field \"extra\"");
        assertRejected(description("\"" + UFRAG + "\"", "[" + host("198.18.240.1", 1) + "]") + " trailing", "not JSON");
    }

    @Test
    void refusesBadCandidatesIndividually() throws Exception {
        String candidates = "["
                + host("198.18.240.1", 40000) + ","
                + host("127.0.0.1", 40000) + ","
                + host("224.0.0.1", 40000) + ","
                + host("255.255.255.255", 40000) + ","
                + host("0.0.0.0", 40000) + ","
                + host("198.18.240.01", 40000) + ","
                + host("example.com", 40000) + ","
                + host("2001:db8::1", 40000) + ","
                + host("198.18.240.2", 0) + ","
                + host("198.18.240.2", 70000) + ","
                + "{\"type\":\"bogus\",\"ip\":\"198.18.240.2\",\"port\":1,\"priority\":1,\"foundation\":\"1\"},"
                + "{\"type\":\"host\",\"ip\":\"198.18.240.2\",\"port\":1,\"priority\":0,\"foundation\":\"1\"},"
                + "{\"type\":\"host\",\"ip\":\"198.18.240.2\",\"port\":1,\"priority\":1,\"foundation\":\"\"},"
                + "{\"type\":\"relay\",\"ip\":\"198.18.240.3\",\"port\":1,\"priority\":1,\"foundation\":\"1\",\"raddr\":\"127.0.0.1\",\"rport\":5},"
                + host("198.18.240.1", 40000)
                + "]";
        IceDescription decoded = SignalCodec.decodeDescription(bytes(description("\"" + UFRAG + "\"", candidates)));
        assertThat(decoded.candidates()).extracting(IceCandidate::endpoint).containsExactly("198.18.240.1:40000");
        assertThat(decoded.rejected()).hasSize(14);
        assertThat(String.join("\n", decoded.rejected()))
                .contains("candidate[1]: ip 127.0.0.1 is a loopback address")
                .contains("candidate[2]: ip 224.0.0.1 is a multicast address")
                .contains("candidate[3]: ip 255.255.255.255 is the broadcast address")
                .contains("candidate[4]: ip 0.0.0.0 is in 0.0.0.0/8")
                .contains("candidate[5]: ip \"198.18.240.01\" is not an IPv4 address")
                .contains("candidate[6]: ip \"example.com\" is not an IPv4 address")
                .contains("candidate[7]: ip \"2001:db8::1\" is not supported (IPv4 only)")
                .contains("candidate[8]: port must be an integer from 1 to 65535, got \"0\"")
                .contains("candidate[9]: port must be an integer from 1 to 65535, got \"70000\"")
                .contains("candidate[10]: type \"bogus\" is not host, srflx, prflx or relay")
                .contains("candidate[11]: priority must be")
                .contains("candidate[12]: foundation must be")
                .contains("candidate[13]: raddr 127.0.0.1 is a loopback address")
                .contains("candidate[14]: duplicate");
    }

    @Test
    void aDescriptionWithOnlyBadCandidatesIsRejected() {
        assertRejected(description("\"" + UFRAG + "\"", "[" + host("127.0.0.1", 1) + "," + host("198.18.240.2", 0) + "]"),
                "no usable candidate (candidate[0]: ip 127.0.0.1 is a loopback address; candidate[1]: port");
    }

    private static String description(String ufrag, String candidates) {
        return "{\"v\":2,\"session\":\"session-0001\",\"ufrag\":" + ufrag + ",\"pwd\":\"" + PWD + "\",\"candidates\":"
                + candidates + "}";
    }

    private static String host(String ip, int port) {
        return "{\"type\":\"host\",\"ip\":\"" + ip + "\",\"port\":" + port + ",\"priority\":2130706431,\"foundation\":\"1\"}";
    }

    private static void assertRejected(String json, String reason) {
        assertThatThrownBy(() -> SignalCodec.decodeDescription(bytes(json)))
                .isInstanceOf(SignalFormatException.class)
                .hasMessageContaining(reason);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
