package io.netloom.domain.common;

import static io.netloom.domain.Rejections.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.policy.Protocol;
import io.netloom.domain.setupkey.SetupKeyType;
import io.netloom.domain.user.Role;
import org.junit.jupiter.api.Test;

class WireNamedTest {

    @Test
    void fromWireNameWhenKnownThenConstant() {
        assertThat(Role.fromWireName("owner")).isEqualTo(Role.OWNER);
        assertThat(Role.fromWireName("auditor")).isEqualTo(Role.AUDITOR);
        assertThat(SetupKeyType.fromWireName("one-off")).isEqualTo(SetupKeyType.ONE_OFF);
        assertThat(SetupKeyType.fromWireName("reusable")).isEqualTo(SetupKeyType.REUSABLE);
        assertThat(Protocol.fromWireName("icmp")).isEqualTo(Protocol.ICMP);
    }

    @Test
    void wireNameWhenRoundTrippedThenSameConstant() {
        for (Role role : Role.values()) {
            assertThat(Role.fromWireName(role.wireName())).isEqualTo(role);
        }
        for (Protocol protocol : Protocol.values()) {
            assertThat(Protocol.fromWireName(protocol.wireName())).isEqualTo(protocol);
        }
    }

    @Test
    void fromWireNameWhenUnknownThenRejectedListingAllowedValues() {
        assertInvalid(() -> Role.fromWireName("OWNER"), "role must be one of: owner, admin, user, auditor");
        assertInvalid(() -> Role.fromWireName(null), "role must be one of: owner, admin, user, auditor");
        assertInvalid(() -> SetupKeyType.fromWireName("one_off"), "setup key type must be one of: one-off, reusable");
        assertInvalid(() -> Protocol.fromWireName("sctp"), "protocol must be one of: all, tcp, udp, icmp");
    }
}
