package io.netloom.domain.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.domain.common.CommandRejectedException;
import org.junit.jupiter.api.Test;

class ResourceAddressTest {

    @Test
    void parseWhenPlainAddressThenHostOfSlash32() {
        ResourceAddress address = ResourceAddress.parse(" 10.1.2.3 ");

        assertThat(address.address()).isEqualTo("10.1.2.3");
        assertThat(address.prefix().cidr()).isEqualTo("10.1.2.3/32");
        assertThat(address.type()).isEqualTo(ResourceType.HOST);
    }

    @Test
    void parseWhenSlash32ThenHostAndWiderThenSubnet() {
        assertThat(ResourceAddress.parse("10.1.2.3/32").type()).isEqualTo(ResourceType.HOST);
        assertThat(ResourceAddress.parse("10.1.0.0/16").type()).isEqualTo(ResourceType.SUBNET);
    }

    @Test
    void parseWhenHostBitsSetThenRejectedWithNormalisedForm() {
        assertThatThrownBy(() -> ResourceAddress.parse("10.1.2.3/16"))
                .isInstanceOf(CommandRejectedException.class).hasMessageContaining("did you mean 10.1.0.0/16?");
    }

    @Test
    void parseWhenDomainThenRejectedUntilDns() {
        for (String domain : java.util.List.of("example.com", "*.example.com", "intranet")) {
            assertThatThrownBy(() -> ResourceAddress.parse(domain)).as(domain)
                    .isInstanceOf(CommandRejectedException.class)
                    .hasMessage("domain resources need DNS, not supported yet");
        }
    }

    @Test
    void parseWhenIpv6ThenRejectedAsUnsupportedRatherThanAsDomain() {
        assertThatThrownBy(() -> ResourceAddress.parse("fd00::1"))
                .isInstanceOf(CommandRejectedException.class).hasMessageContaining("IPv6");
    }

    @Test
    void parseWhenMalformedThenRejected() {
        for (String bad : java.util.List.of("", "10.1.2", "10.1.2.256", "10.1.0.0/33", "10.1.0.0/", "10.1.0.0/16; rm -rf /")) {
            assertThatThrownBy(() -> ResourceAddress.parse(bad)).as(bad).isInstanceOf(CommandRejectedException.class);
        }
    }
}
