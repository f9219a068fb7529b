package io.netloom.domain.common;

import static io.netloom.domain.Rejections.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4NetworkTest {

    private final Ipv4Network cgnat = Ipv4Network.DEFAULT;

    @Test
    void defaultWhenReadThenCarrierGradeNatRange() {
        assertThat(cgnat.cidr()).isEqualTo("100.64.0.0/10");
        assertThat(cgnat.prefixLength()).isEqualTo(10);
        assertThat(cgnat.size()).isEqualTo(4_194_304L);
    }

    @Test
    void sizeWhenSmallestAllowedPrefixThenFourAddresses() {
        assertThat(new Ipv4Network("192.168.1.4/30").size()).isEqualTo(4);
        assertThat(new Ipv4Network("10.0.0.0/8").size()).isEqualTo(16_777_216L);
    }

    @Test
    void addressAtWhenWithinRangeThenDottedAddress() {
        assertThat(cgnat.addressAt(0)).isEqualTo("100.64.0.0");
        assertThat(cgnat.addressAt(1)).isEqualTo("100.64.0.1");
        assertThat(cgnat.addressAt(256)).isEqualTo("100.64.1.0");
        assertThat(cgnat.addressAt(65_537)).isEqualTo("100.65.0.1");
        assertThat(cgnat.addressAt(4_194_303L)).isEqualTo("100.127.255.255");
    }

    @Test
    void addressAtWhenOutsideRangeThenRejected() {
        assertInvalid(() -> cgnat.addressAt(4_194_304L), "offset 4194304 is outside 100.64.0.0/10");
        assertInvalid(() -> cgnat.addressAt(-1), "offset -1 is outside 100.64.0.0/10");
    }

    @Test
    void offsetOfWhenInsideThenDistanceFromNetworkAddress() {
        assertThat(cgnat.offsetOf("100.64.0.0")).isZero();
        assertThat(cgnat.offsetOf("100.64.1.0")).isEqualTo(256);
        assertThat(cgnat.offsetOf("100.65.0.1")).isEqualTo(65_537);
        assertThat(cgnat.offsetOf("100.127.255.255")).isEqualTo(4_194_303L);
    }

    @Test
    void offsetOfWhenOutsideThenRejected() {
        assertInvalid(() -> cgnat.offsetOf("100.128.0.0"), "100.128.0.0 is outside 100.64.0.0/10");
    }

    @Test
    void offsetOfWhenRoundTrippedThroughAddressAtThenSameOffset() {
        for (long offset : new long[] {0, 1, 255, 256, 65_535, 1_000_000, 4_194_303L}) {
            assertThat(cgnat.offsetOf(cgnat.addressAt(offset))).isEqualTo(offset);
        }
    }

    @Test
    void containsWhenAtTheEdgesThenOnlyInsideAddressesMatch() {
        assertThat(cgnat.contains("100.64.0.0")).isTrue();
        assertThat(cgnat.contains("100.127.255.255")).isTrue();
        assertThat(cgnat.contains("100.63.255.255")).isFalse();
        assertThat(cgnat.contains("100.128.0.0")).isFalse();
    }

    @Test
    void containsWhenAddressMalformedThenRejected() {
        assertInvalid(() -> cgnat.contains("100.64.0"), "address must be an IPv4 address in dotted-quad form");
    }

    @Test
    void newWhenHostBitsSetThenRejectedWithSuggestion() {
        assertInvalid(() -> new Ipv4Network("100.64.0.1/10"),
                "network has host bits set; did you mean 100.64.0.0/10?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/7", "10.0.0.0/31", "10.0.0.0/32", "10.0.0.0/", "10.0.0.0/x", "10.0.0.0/8/8",
        "10.0.0.0/-8", "10.0.0.0/008", "10.0.0.0/08"})
    void newWhenPrefixOutOfRangeThenRejected(String cidr) {
        assertInvalid(() -> new Ipv4Network(cidr), "network prefix length must be between 8 and 30");
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.0.0.0/8", "10.0.0/8", " 10.0.0.0/8", "10.0.0.0.0/8", "/8"})
    void newWhenAddressMalformedThenRejected(String cidr) {
        assertInvalid(() -> new Ipv4Network(cidr), "network address must be an IPv4 address in dotted-quad form");
    }

    @Test
    void newWhenNotCidrThenRejected() {
        assertInvalid(() -> new Ipv4Network("100.64.0.0"), "network must be in CIDR form, e.g. 100.64.0.0/10");
        assertInvalid(() -> new Ipv4Network(null), "network must be provided");
    }

    @Test
    void equalsWhenSameCidrThenEqual() {
        assertThat(new Ipv4Network("100.64.0.0/10")).isEqualTo(Ipv4Network.DEFAULT);
    }
}
