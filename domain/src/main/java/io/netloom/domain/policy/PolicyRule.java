package io.netloom.domain.policy;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.Names;
import io.netloom.domain.common.Required;
import io.netloom.domain.common.StableSets;
import io.netloom.domain.common.Texts;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PolicyRuleId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Allows traffic from the source groups to the destination groups (and back when bidirectional). The action
 * is always accept: like a default-deny firewall, anything not allowed by some rule is dropped.
 */
public record PolicyRule(
        PolicyRuleId id,
        String name,
        String description,
        boolean enabled,
        boolean bidirectional,
        Protocol protocol,
        List<PortRange> ports,
        Set<GroupId> sources,
        Set<GroupId> destinations) {

    public static final int MAX_DESCRIPTION_LENGTH = 1024;

    public PolicyRule {
        Required.present(id, "rule id");
        name = Names.requireValid(name, "rule name");
        description = Texts.optional(description, "rule description", MAX_DESCRIPTION_LENGTH);
        Required.present(protocol, "rule protocol");
        ports = ports == null ? List.of() : ports;
        if (ports.stream().anyMatch(Objects::isNull)) {
            throw CommandRejectedException.invalid("rule ports must not contain empty entries");
        }
        ports = List.copyOf(ports);
        if (!ports.isEmpty() && !protocol.hasPorts()) {
            throw CommandRejectedException.invalid("ports can only be set on TCP or UDP rules");
        }
        sources = StableSets.copyOf(sources, "rule sources");
        destinations = StableSets.copyOf(destinations, "rule destinations");
        if (sources.isEmpty()) {
            throw CommandRejectedException.invalid("a rule needs at least one source group");
        }
        if (destinations.isEmpty()) {
            throw CommandRejectedException.invalid("a rule needs at least one destination group");
        }
    }
}
