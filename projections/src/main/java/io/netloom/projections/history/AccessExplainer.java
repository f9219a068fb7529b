package io.netloom.projections.history;

import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.policy.PolicyRule;
import io.netloom.projections.history.Explanation.Denial;
import io.netloom.projections.history.Explanation.DenialCode;
import io.netloom.projections.history.Explanation.Direction;
import io.netloom.projections.history.Explanation.Grant;
import io.netloom.projections.history.Explanation.Membership;
import io.netloom.projections.networkmap.PolicySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Explains whether one peer could reach another in an account's state (ADR 0035, decision 6). Whether it could is
 * decided only by {@link AccessFlows#between} (the live calculator's maps); this class then names the rules and
 * memberships that produced the answer, and says {@code unexplained} rather than invent a reason it cannot find.
 */
public final class AccessExplainer {

    private final AccountState state;
    private final PeerId source;
    private final PeerId destination;
    private final Traffic traffic;
    private final Naming names;
    private final Set<GroupId> sourceGroups;
    private final Set<GroupId> destinationGroups;

    private AccessExplainer(AccountState state, PeerId source, PeerId destination, Traffic traffic, Naming names) {
        this.state = state;
        this.source = source;
        this.destination = destination;
        this.traffic = traffic;
        this.names = names;
        this.sourceGroups = state.groupsOf(source);
        this.destinationGroups = state.groupsOf(destination);
    }

    /** Whether {@code source} could start {@code traffic} towards {@code destination}, and why; two distinct peers. */
    public static Explanation explain(AccountState state, PeerId source, PeerId destination, Traffic traffic,
            Naming names) {
        if (source.equals(destination)) {
            throw new IllegalArgumentException("source and destination are the same peer");
        }
        AccessExplainer explainer = new AccessExplainer(state, source, destination, traffic, names);
        boolean allowed = AccessFlows.between(state.snapshot(), source, destination).stream()
                .anyMatch(flow -> traffic.covers(flow.protocol(), flow.ports()));
        if (allowed) {
            return new Explanation(true, explainer.grants(), List.of(), List.of());
        }
        return new Explanation(false, List.of(), List.of(), explainer.denials());
    }

    private List<Grant> grants() {
        List<Grant> grants = new ArrayList<>();
        state.policies().forEach((id, policy) -> {
            for (PolicyRule rule : policy.spec().rules()) {
                if (!isActive(policy.spec(), rule)
                        || !traffic.covers(rule.protocol().wireName(), Traffic.portsOf(rule))) {
                    continue;
                }
                if (matches(rule.sources(), sourceGroups) && matches(rule.destinations(), destinationGroups)) {
                    grants.add(grant(id, policy, rule, Direction.FORWARD, rule.sources(), rule.destinations()));
                }
                if (rule.bidirectional() && matches(rule.sources(), destinationGroups)
                        && matches(rule.destinations(), sourceGroups)) {
                    grants.add(grant(id, policy, rule, Direction.BIDIRECTIONAL_REVERSE, rule.destinations(),
                            rule.sources()));
                }
            }
        });
        return grants;
    }

    private Grant grant(PolicyId id, AccountState.PolicyRecord policy, PolicyRule rule, Direction direction,
            Set<GroupId> sourceSide, Set<GroupId> destinationSide) {
        return new Grant(id, policy.changedBy(), rule.id(), rule.name(), direction,
                memberships(source, sourceSide, sourceGroups), memberships(destination, destinationSide,
                destinationGroups), rule.protocol().wireName(), Traffic.portsOf(rule));
    }

    private List<Membership> memberships(PeerId peer, Set<GroupId> ruleGroups, Set<GroupId> peerGroups) {
        List<Membership> memberships = new ArrayList<>();
        for (GroupId group : peerGroups) {
            if (ruleGroups.contains(group)) {
                boolean all = group.equals(state.allGroup());
                memberships.add(new Membership(group, peer, all, all ? null : state.membersOf(group).get(peer)));
            }
        }
        return memberships;
    }

    private List<Denial> denials() {
        List<Denial> standing = new ArrayList<>(PeerStanding.denials(state, source, true, names));
        standing.addAll(PeerStanding.denials(state, destination, false, names));
        RuleFindings rules = ruleFindings();
        if (rules.wouldGrant && standing.isEmpty()) {
            // An active rule covering the traffic connects two active peers, yet the maps hold no such flow.
            return List.of(unexplained());
        }
        List<Denial> denials = new ArrayList<>(standing);
        denials.addAll(rules.denials);
        return denials.isEmpty() ? List.of(unexplained()) : denials;
    }

    /** What every rule of every policy, enabled or not, says about the pair. */
    private RuleFindings ruleFindings() {
        RuleFindings findings = new RuleFindings();
        boolean connected = false;
        for (var entry : state.policies().entrySet()) {
            PolicyId id = entry.getKey();
            AccountState.PolicyRecord policy = entry.getValue();
            boolean policyNamed = false;
            for (PolicyRule rule : policy.spec().rules()) {
                boolean forward = matches(rule.sources(), sourceGroups)
                        && matches(rule.destinations(), destinationGroups);
                boolean backward = matches(rule.sources(), destinationGroups)
                        && matches(rule.destinations(), sourceGroups);
                String named = "rule \"" + rule.name() + "\" of policy \"" + names.policy(id) + "\"";
                if (forward || (backward && rule.bidirectional())) {
                    connected = true;
                    if (!policy.spec().enabled()) {
                        if (!policyNamed) {
                            findings.denials.add(new Denial(DenialCode.POLICY_DISABLED, "policy \"" + names.policy(id)
                                    + "\" would connect them (" + named + ") but is disabled", id, rule.id(),
                                    rule.name(), policy.changedBy()));
                            policyNamed = true;
                        }
                    } else if (!rule.enabled()) {
                        findings.denials.add(new Denial(DenialCode.RULE_DISABLED, named
                                + " would connect them but is disabled", id, rule.id(), rule.name(),
                                policy.changedBy()));
                    } else if (!traffic.coversProtocol(rule.protocol().wireName())) {
                        findings.denials.add(new Denial(DenialCode.PROTOCOL_NOT_COVERED, named + " connects them for "
                                + Traffic.describe(rule.protocol().wireName(), Traffic.portsOf(rule)) + " only, not "
                                + traffic.describe(), id, rule.id(), rule.name(), policy.changedBy()));
                    } else if (!traffic.coversPort(Traffic.portsOf(rule))) {
                        findings.denials.add(new Denial(DenialCode.PORT_NOT_COVERED, named + " connects them for "
                                + Traffic.describe(rule.protocol().wireName(), Traffic.portsOf(rule)) + " only, not "
                                + traffic.describe(), id, rule.id(), rule.name(), policy.changedBy()));
                    } else {
                        findings.wouldGrant = true;
                    }
                } else if (backward && isActive(policy.spec(), rule)) {
                    findings.denials.add(new Denial(DenialCode.WRONG_DIRECTION, named + " is one-way: it lets "
                            + names.peer(destination) + " reach " + names.peer(source) + ", not the other way",
                            id, rule.id(), rule.name(), policy.changedBy()));
                }
            }
        }
        if (!connected) {
            findings.denials.add(0, new Denial(DenialCode.NO_RULE, "no rule, enabled or not, has a group of "
                    + names.peer(source) + " " + groupNames(sourceGroups) + " among its sources and a group of "
                    + names.peer(destination) + " " + groupNames(destinationGroups)
                    + " among its destinations (or the reverse under a bidirectional rule)", null));
        }
        return findings;
    }

    private Denial unexplained() {
        return new Denial(DenialCode.UNEXPLAINED, "the maps deny this traffic but no rule, membership or standing"
                + " explains why", null);
    }

    private String groupNames(Set<GroupId> groups) {
        return groups.stream().map(names::group).toList().toString();
    }

    private static boolean isActive(PolicySpec policy, PolicyRule rule) {
        return policy.enabled() && rule.enabled();
    }

    private static boolean matches(Set<GroupId> ruleGroups, Set<GroupId> peerGroups) {
        for (GroupId group : ruleGroups) {
            if (peerGroups.contains(group)) {
                return true;
            }
        }
        return false;
    }

    private static final class RuleFindings {
        final List<Denial> denials = new ArrayList<>();
        boolean wouldGrant;
    }
}
