package io.netloom.daemon.wireguard;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.testsupport.fuzz.FuzzCampaign;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.PropagationMode;

/**
 * Fuzzes what the daemon reads from WireGuard: answers of the cross-platform UAPI and the output of
 * {@code wg show dump}. Whatever comes back, the parsers answer with statistics or an
 * {@link IOException} the daemon reports — never another exception, which would take down the
 * status report — and never quote a line that holds a key: the device's private key comes first in
 * both formats, a preshared key in every peer line of a dump.
 */
@AddLifecycleHook(value = FuzzCampaign.class, propagateTo = PropagationMode.DIRECT_DESCENDANTS)
class WireGuardParsersFuzzTest {

    private static final String PRIVATE_KEY = "c8".repeat(32);
    private static final String PRESHARED_KEY = "u2T8kq0rK3lVnnXvD0mBq6mT3oQ5oV3Yy5oVbGZ9mGs=";

    @Property
    void parseWhenUapiAnswerIsAnythingThenStatisticsOrAReadableRefusalThatQuotesNoKey(
            @ForAll("uapiAnswers") String answer) {
        for (UapiRead read : List.<UapiRead>of(UapiCodec::statistics, UapiCodec::listenPort,
                text -> UapiCodec.requireSuccess(text, "apply the change"))) {
            try {
                read.from(answer);
            } catch (IOException refused) {
                assertThat(refused.getMessage()).isNotBlank().doesNotContain(PRIVATE_KEY);
            }
        }
    }

    @Property
    void parseWhenDumpIsAnythingThenStatisticsOrAReadableRefusalThatQuotesNoKey(@ForAll("dumps") String dump) {
        try {
            assertThat(WgDump.peers(dump)).allSatisfy(peer -> assertThat(peer.publicKey()).isNotBlank());
        } catch (IOException refused) {
            assertThat(refused.getMessage()).isNotBlank().doesNotContain(PRIVATE_KEY).doesNotContain(PRESHARED_KEY);
        }
    }

    @Provide
    Arbitrary<String> uapiAnswers() {
        Arbitrary<String> line = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, uapiPair()),
                net.jqwik.api.Tuple.of(1, junk()),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("")));
        Arbitrary<String> ending = Arbitraries.of("\n\n", "\n", "", "\n\n\n", "\nerrno=0\n\n");
        return Combinators.combine(line.list().ofMaxSize(24), ending)
                .as((lines, end) -> "private_key=" + PRIVATE_KEY + "\n" + String.join("\n", lines) + end);
    }

    @Provide
    Arbitrary<String> dumps() {
        Arbitrary<String> peerLine = Combinators.combine(publicKeyText(), Arbitraries.of(PRESHARED_KEY, "(none)"),
                endpointText(), Arbitraries.of("100.64.0.2/32", "(none)", "junk"), number(), number(), number(),
                Arbitraries.of("off", "25", "x")).as((key, psk, endpoint, ips, handshake, rx, tx, keepalive) ->
                        String.join("\t", key, psk, endpoint, ips, handshake, rx, tx, keepalive));
        Arbitrary<String> line = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, peerLine),
                net.jqwik.api.Tuple.of(1, junk()),
                net.jqwik.api.Tuple.of(1, peerLine.map(text -> text.replaceFirst("\t", "\t\t"))));
        return line.list().ofMaxSize(12).map(lines ->
                String.join("\t", PRIVATE_KEY, "public", "51820", "off") + "\n" + String.join("\n", lines) + "\n");
    }

    private static Arbitrary<String> uapiPair() {
        Arbitrary<String> key = Arbitraries.of("public_key", "endpoint", "last_handshake_time_sec",
                "last_handshake_time_nsec", "rx_bytes", "tx_bytes", "listen_port", "errno", "allowed_ip",
                "persistent_keepalive_interval", "protocol_version", "fwmark", "x-unknown", "Upper", "");
        Arbitrary<String> value = Arbitraries.oneOf(publicKeyText(), endpointText(), number(), junk());
        return Combinators.combine(key, value).as((k, v) -> k + "=" + v);
    }

    private static Arbitrary<String> publicKeyText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64),
                Arbitraries.strings().withChars("0123456789abcdefXYZ").ofMinLength(0).ofMaxLength(70),
                Arbitraries.strings().withChars("ABCDEFabcdef0123456789+/=").ofLength(44));
    }

    private static Arbitrary<String> endpointText() {
        Arbitrary<String> octet = Arbitraries.integers().between(-1, 300).map(String::valueOf);
        Arbitrary<String> v4 = Combinators.combine(octet, octet, octet, octet).as((a, b, c, d) -> a + "." + b + "." + c + "." + d);
        Arbitrary<String> v6 = Arbitraries.of("[fe80::1%eth0]", "[::1]", "[2001:db8::1]", "[::ffff:1.2.3.4]", "[:::]", "[]");
        Arbitrary<String> port = Arbitraries.oneOf(Arbitraries.integers().between(-5, 70_000).map(String::valueOf),
                Arbitraries.of("", "99999999999", "0x50", "80 "));
        return Combinators.combine(Arbitraries.oneOf(v4, v6, Arbitraries.of("host.example", "", "(none)")), port)
                .as((host, p) -> host + ":" + p);
    }

    private static Arbitrary<String> number() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("0", "-1", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
                        "31556889864403199", "31556889864403200", "1e9", "", " 1", "0x10", "١٢٣"));
    }

    private static Arbitrary<String> junk() {
        return Arbitraries.strings().all().ofMaxLength(80);
    }

    @FunctionalInterface
    private interface UapiRead {
        void from(String answer) throws IOException;
    }
}
