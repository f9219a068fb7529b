package io.netloom.domain.policy;

import static io.netloom.domain.Rejections.assertInvalid;
import static io.netloom.domain.policy.TestPolicies.DEVS;
import static io.netloom.domain.policy.TestPolicies.RULE;
import static io.netloom.domain.policy.TestPolicies.SERVERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.domain.ids.GroupId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PolicyRuleTest {

    private static final List<PortRange> SSH = List.of(new PortRange(22, 22));

    @Test
    void newWhenOptionalPartsAbsentThenEmpty() {
        PolicyRule rule = rule(Protocol.ALL, null, Set.of(DEVS), Set.of(SERVERS), null);
        assertThat(rule.description()).isEmpty();
        assertThat(rule.ports()).isEmpty();
    }

    @Test
    void newWhenNamePaddedThenTrimmed() {
        PolicyRule rule = new PolicyRule(RULE, " ssh ", "", true, false, Protocol.TCP, SSH, Set.of(DEVS),
                Set.of(SERVERS));
        assertThat(rule.name()).isEqualTo("ssh");
    }

    @ParameterizedTest
    @EnumSource(value = Protocol.class, names = {"TCP", "UDP"})
    void newWhenPortsOnTcpOrUdpThenAccepted(Protocol protocol) {
        assertThat(rule(protocol, SSH, Set.of(DEVS), Set.of(SERVERS), "").ports()).containsExactlyElementsOf(SSH);
    }

    @ParameterizedTest
    @EnumSource(value = Protocol.class, names = {"ALL", "ICMP"})
    void newWhenPortsOnOtherProtocolThenRejected(Protocol protocol) {
        assertInvalid(() -> rule(protocol, SSH, Set.of(DEVS), Set.of(SERVERS), ""),
                "ports can only be set on TCP or UDP rules");
    }

    @Test
    void newWhenNoSourcesThenRejected() {
        assertInvalid(() -> rule(Protocol.ALL, null, Set.of(), Set.of(SERVERS), ""),
                "a rule needs at least one source group");
        assertInvalid(() -> rule(Protocol.ALL, null, null, Set.of(SERVERS), ""),
                "a rule needs at least one source group");
    }

    @Test
    void newWhenNoDestinationsThenRejected() {
        assertInvalid(() -> rule(Protocol.ALL, null, Set.of(DEVS), Set.of(), ""),
                "a rule needs at least one destination group");
    }

    @Test
    void newWhenDescriptionTooLongThenRejected() {
        assertThat(rule(Protocol.ALL, null, Set.of(DEVS), Set.of(SERVERS), "d".repeat(1024)).description())
                .hasSize(1024);
        assertInvalid(() -> rule(Protocol.ALL, null, Set.of(DEVS), Set.of(SERVERS), "d".repeat(1025)),
                "rule description must be at most 1024 characters");
    }

    @Test
    void newWhenNameBlankThenRejected() {
        assertInvalid(() -> new PolicyRule(RULE, " ", "", true, false, Protocol.ALL, null, Set.of(DEVS),
                Set.of(SERVERS)), "rule name must not be empty");
    }

    @Test
    void newWhenProtocolMissingThenRejected() {
        assertInvalid(() -> rule(null, null, Set.of(DEVS), Set.of(SERVERS), ""), "rule protocol must be provided");
    }

    @Test
    void newWhenPortEntryMissingThenRejected() {
        assertInvalid(() -> rule(Protocol.TCP, Arrays.asList(new PortRange(22, 22), null), Set.of(DEVS),
                Set.of(SERVERS), ""), "rule ports must not contain empty entries");
    }

    @Test
    void newWhenCollectionsGivenThenImmutableCopiesInStableOrder() {
        GroupId web = new GroupId("group-web");
        List<PortRange> ports = new ArrayList<>(SSH);
        Set<GroupId> destinations = new HashSet<>(List.of(web, SERVERS));
        PolicyRule rule = rule(Protocol.TCP, ports, Set.of(DEVS), destinations, "");
        ports.clear();
        destinations.clear();

        assertThat(rule.ports()).containsExactlyElementsOf(SSH);
        assertThat(rule.destinations()).containsExactly(SERVERS, web);
        assertThatThrownBy(() -> rule.sources().add(web)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> rule.ports().add(new PortRange(80, 80)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalsWhenSameContentInOtherCollectionTypesThenEqual() {
        PolicyRule fromSets = rule(Protocol.ALL, null, Set.of(DEVS), Set.of(SERVERS), "");
        PolicyRule fromHashSets = rule(Protocol.ALL, List.of(), new HashSet<>(Set.of(DEVS)),
                new HashSet<>(Set.of(SERVERS)), null);
        assertThat(fromHashSets).isEqualTo(fromSets);
    }

    private static PolicyRule rule(Protocol protocol, List<PortRange> ports, Set<GroupId> sources,
            Set<GroupId> destinations, String description) {
        return new PolicyRule(RULE, "rule", description, true, false, protocol, ports, sources, destinations);
    }
}
