package io.netloom.daemon.ice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netloom.testsupport.fuzz.FuzzCampaign;
import io.netloom.testsupport.fuzz.JsonMutations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.PropagationMode;

/**
 * Fuzzes the ICE payloads a peer sends inside its sealed offers, answers and closes. Only that peer can seal them,
 * but it may be hostile or broken: whatever it sends, decoding gives a description or a close, or a
 * {@link SignalFormatException} the daemon reports — never another exception — and a description it gives holds
 * only candidates that passed every check.
 */
@AddLifecycleHook(value = FuzzCampaign.class, propagateTo = PropagationMode.DIRECT_DESCENDANTS)
class SignalCodecFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NAMES = List.of("v", "session", "upgrade", "ufrag", "pwd", "candidates", "type",
            "ip", "port", "priority", "foundation", "raddr", "rport");

    @Property
    void decodeWhenPayloadIsAnythingThenDescriptionOrFormatException(@ForAll("payloads") byte[] payload) {
        try {
            IceDescription description = SignalCodec.decodeDescription(payload);
            Statistics.collect("description");
            assertThat(description.candidates()).isNotEmpty().hasSizeLessThanOrEqualTo(SignalCodec.MAX_CANDIDATES)
                    .allSatisfy(candidate -> assertThat(IpV4.unusableReason(IpV4.parseOrNull(candidate.ip()))).isNull());
        } catch (SignalFormatException refused) {
            Statistics.collect("refused");
            assertThat(refused.getMessage()).isNotBlank();
        }
        try {
            SignalCodec.decodeClose(payload);
        } catch (SignalFormatException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        Arbitrary<IceCandidate> candidate = Combinators.combine(Arbitraries.of("host", "srflx", "relay", "prflx"),
                Arbitraries.of("198.18.240.1", "203.0.113.7", "127.0.0.1", "0.0.0.0", "224.0.0.1", "198.18.240.300"),
                Arbitraries.integers().between(1, 65535), Arbitraries.longs().between(1, 0xFFFF_FFFFL))
                .as((type, ip, port, priority) -> new IceCandidate(type, ip, port, priority, "1",
                        type.equals("host") ? null : "198.18.240.1", type.equals("host") ? 0 : 40000));
        Arbitrary<JsonNode> descriptions = Combinators.combine(candidate.list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.of(true, false)).as((candidates, upgrade) -> tree(SignalCodec.encodeDescription(
                        new IceDescription("session-0001", upgrade, "abcd1234", "0123456789abcdefghijklmnop", candidates,
                                List.of()))));
        Arbitrary<JsonNode> closes = Arbitraries.of("session-0001", null).map(session ->
                tree(SignalCodec.encodeClose(session)));
        Arbitrary<byte[]> texts = JsonMutations.of(Arbitraries.oneOf(descriptions, closes), NAMES)
                .map(text -> text.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(texts, Arbitraries.bytes().array(byte[].class).ofMaxSize(64));
    }

    private static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
