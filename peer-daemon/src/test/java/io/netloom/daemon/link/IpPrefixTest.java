package io.netloom.daemon.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpPrefixTest {

    @Test
    void parseWhenHostAddressWithPrefixThenKeepsHostBits() {
        IpPrefix prefix = IpPrefix.parse("100.64.0.7/10");

        assertThat(prefix.toString()).isEqualTo("100.64.0.7/10");
        assertThat(prefix.isIpv4()).isTrue();
        assertThat(prefix.hasHostBits()).isTrue();
        assertThat(prefix.network()).hasToString("100.64.0.0/10");
    }

    @Test
    void parseWhenIpv6ThenAccepted() {
        IpPrefix prefix = IpPrefix.parse("fd00::1/128");

        assertThat(prefix.isIpv4()).isFalse();
        assertThat(prefix.isSingleHost()).isTrue();
        assertThat(prefix.hasHostBits()).isFalse();
    }

    @Test
    void parseAddressOrPrefixWhenBareAddressThenSingleHost() {
        assertThat(IpPrefix.parseAddressOrPrefix("198.18.0.1")).hasToString("198.18.0.1/32");
    }

    @Test
    void parseWhenPrefixLengthMissingThenRejected() {
        assertThatThrownBy(() -> IpPrefix.parse("100.64.0.7"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"100.64.0.7\" is not in address/prefix-length form");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "100.64.0.7/33", "100.64.0.7/-1", "100.64.0.7/", "100.64.0.7/1a", "256.0.0.1/8", "1.2.3/8",
        "01.2.3.4/8", "example.com/8", "localhost/32", "1.2.3.4 /32", "1.2.3.4/32\n", "fe80::1%eth0/64", "/8"
    })
    void parseAddressOrPrefixWhenMalformedThenRejected(String text) {
        assertThatThrownBy(() -> IpPrefix.parseAddressOrPrefix(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quoteWhenTextHasControlCharactersThenEscapesAndTruncates() {
        assertThat(Printable.quote("a\nb\"c")).isEqualTo("\"a\\u000ab\\u0022c\"");
        assertThat(Printable.quote("x".repeat(100))).isEqualTo("\"" + "x".repeat(64) + "\"...");
        assertThat(Printable.quote(null)).isEqualTo("(none)");
    }
}
