package io.netloom.domain.route;

import static io.netloom.domain.Rejections.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoutePrefixTest {

    @Test
    void newWhenValidPrefixThenKept() {
        assertThat(new RoutePrefix("10.20.0.0/16").length()).isEqualTo(16);
        assertThat(new RoutePrefix("192.168.1.7/32").cidr()).isEqualTo("192.168.1.7/32");
        assertThat(new RoutePrefix("0.0.0.0/0").isDefaultRoute()).isTrue();
    }

    @Test
    void newWhenHostBitsSetThenRejectedNamingTheNetwork() {
        assertInvalid(() -> new RoutePrefix("10.1.2.3/16"),
                "network 10.1.2.3/16 has host bits set; did you mean 10.1.0.0/16?");
    }

    @Test
    void newWhenMalformedThenRejected() {
        assertInvalid(() -> new RoutePrefix("10.0.0.0"), "network must be an IPv4 prefix in CIDR form, e.g. 10.0.0.0/24");
        assertInvalid(() -> new RoutePrefix("10.0.0.0/33"), "network prefix length must be between 0 and 32");
        assertInvalid(() -> new RoutePrefix("10.0.0.0/024"), "network prefix length must be between 0 and 32");
        assertInvalid(() -> new RoutePrefix("10.0.0.0/+8"), "network prefix length must be between 0 and 32");
        assertInvalid(() -> new RoutePrefix("10.0.0.0/\u0661\u0666"), "network prefix length must be between 0 and 32");
        assertInvalid(() -> new RoutePrefix("10.0.0/8"), "network address must be an IPv4 address in dotted-quad form");
        assertInvalid(() -> new RoutePrefix("fd00::/8"), "network address must be an IPv4 address in dotted-quad form");
    }

    @Test
    void overlapsWhenOneContainsTheOtherThenTrueElseFalse() {
        RoutePrefix overlay = new RoutePrefix("100.64.0.0/10");

        assertThat(new RoutePrefix("100.100.1.0/24").overlaps(overlay)).isTrue();
        assertThat(new RoutePrefix("100.0.0.0/8").overlaps(overlay)).isTrue();
        assertThat(new RoutePrefix("100.128.0.0/10").overlaps(overlay)).isFalse();
        assertThat(new RoutePrefix("10.0.0.0/8").overlaps(overlay)).isFalse();
        assertThat(new RoutePrefix("0.0.0.0/0").overlaps(overlay)).isTrue();
    }
}
