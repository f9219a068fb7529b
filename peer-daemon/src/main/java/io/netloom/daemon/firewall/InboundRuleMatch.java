package io.netloom.daemon.firewall;

import io.netloom.daemon.map.InboundRule;

/** Translates one inbound rule into the nftables match that precedes {@code accept}. */
final class InboundRuleMatch {

    private InboundRuleMatch() {
    }

    static String of(InboundRule rule) throws InvalidRuleException {
        return "ip saddr " + TrafficMatch.address("source", rule.source())
                + TrafficMatch.protocolAndPorts(rule.protocol(), rule.ports());
    }
}
