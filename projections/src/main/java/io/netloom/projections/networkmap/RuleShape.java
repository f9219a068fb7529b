package io.netloom.projections.networkmap;

import io.netloom.domain.policy.PolicyRule;
import io.netloom.domain.policy.PortRange;
import java.util.List;

/** The protocol and ports of a policy rule: what an inbound firewall rule allows, apart from its source. */
record RuleShape(String protocol, List<String> ports) {

    static RuleShape of(PolicyRule rule) {
        return new RuleShape(rule.protocol().wireName(), rule.ports().stream().map(RuleShape::portText).toList());
    }

    InboundRule from(PeerNode source) {
        return new InboundRule(MapRendering.hostAddress(source), protocol, ports);
    }

    private static String portText(PortRange range) {
        return range.start() == range.end() ? Integer.toString(range.start()) : range.start() + "-" + range.end();
    }
}
