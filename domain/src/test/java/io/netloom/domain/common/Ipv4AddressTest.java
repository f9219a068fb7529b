package io.netloom.domain.common;

import static io.netloom.domain.Rejections.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4AddressTest {

    @Test
    void parseWhenDottedQuadThenUnsignedNumber() {
        assertThat(Ipv4Address.parse("0.0.0.0", "ip")).isZero();
        assertThat(Ipv4Address.parse("100.64.0.1", "ip")).isEqualTo(0x64400001L);
        assertThat(Ipv4Address.parse("255.255.255.255", "ip")).isEqualTo(0xFFFFFFFFL);
    }

    @Test
    void formatWhenNumberThenDottedQuad() {
        assertThat(Ipv4Address.format(0x64400001L)).isEqualTo("100.64.0.1");
        assertThat(Ipv4Address.format(0xFFFFFFFFL)).isEqualTo("255.255.255.255");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "1.2.3.256", "01.2.3.4", "1.2.3.-4", "1.2.3.4 ", "a.b.c.d",
        "1..2.3", "1.2.3.4/32", "1.2.3.1000", "１.2.3.4"})
    void parseWhenMalformedThenRejected(String address) {
        assertInvalid(() -> Ipv4Address.parse(address, "overlay IP"),
                "overlay IP must be an IPv4 address in dotted-quad form");
    }

    @Test
    void parseWhenNullThenRejected() {
        assertInvalid(() -> Ipv4Address.parse(null, "overlay IP"), "overlay IP must be provided");
    }
}
