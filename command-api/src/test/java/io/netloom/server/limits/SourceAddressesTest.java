package io.netloom.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceAddressesTest {

    @Test
    void keyOfWhenIpv4ThenTheAddressItself() {
        assertThat(SourceAddresses.keyOf("192.0.2.7")).isEqualTo("192.0.2.7");
    }

    @Test
    void keyOfWhenIpv6ThenItsSlash64SoOneSubscriberCountsOnce() {
        assertThat(SourceAddresses.keyOf("2001:db8:1:2::1"))
                .isEqualTo(SourceAddresses.keyOf("2001:db8:1:2:ffff:ffff:ffff:ffff"))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(SourceAddresses.keyOf("2001:db8:1:3::1")).isNotEqualTo(SourceAddresses.keyOf("2001:db8:1:2::1"));
        assertThat(SourceAddresses.keyOf("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0::/64");
    }
}
