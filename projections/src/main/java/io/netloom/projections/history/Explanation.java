package io.netloom.projections.history;

import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.ids.PolicyRuleId;
import java.util.List;

/**
 * Why a source could or could not reach a destination: when {@code allowed}, the rules ({@code grants}) or routes
 * ({@code routes}) that let it; otherwise every {@code denials} reason that applies. Whether it is allowed always
 * comes from the calculated maps; the rest only names what produced them.
 */
public record Explanation(boolean allowed, List<Grant> grants, List<RouteGrant> routes, List<Denial> denials) {

    public Explanation {
        grants = List.copyOf(grants);
        routes = List.copyOf(routes);
        denials = List.copyOf(denials);
    }

    /** Which way a rule lets the source reach the destination. */
    public enum Direction {
        /** The source is in the rule's sources and the destination in its destinations. */
        FORWARD("forward"),
        /** The other way round, under a bidirectional rule. */
        BIDIRECTIONAL_REVERSE("bidirectional_reverse");

        private final String wireName;

        Direction(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /**
     * A rule that lets the source reach the destination.
     *
     * @param policyChangedBy the event that last created or changed the policy (null: proposed only)
     * @param sourceGroups the source peer's memberships through which the rule matches
     * @param destinationGroups the destination peer's memberships through which the rule matches
     */
    public record Grant(PolicyId policy, EventPosition policyChangedBy, PolicyRuleId rule, String ruleName,
            Direction direction, List<Membership> sourceGroups, List<Membership> destinationGroups, String protocol,
            List<String> ports) {

        public Grant {
            sourceGroups = List.copyOf(sourceGroups);
            destinationGroups = List.copyOf(destinationGroups);
            ports = List.copyOf(ports);
        }
    }

    /**
     * A peer's membership of a group.
     *
     * @param allPeers whether it is the built-in group every peer is in without being added (then {@code addedBy}
     *     is null)
     * @param addedBy the event that added the peer (null for the built-in group, or a change only proposed)
     */
    public record Membership(GroupId group, PeerId peer, boolean allPeers, EventPosition addedBy) {
    }

    /**
     * A route the source received that covers the asked address, and what its routing peer forwards from the source.
     *
     * @param id the route's id, or the network resource's
     * @param resource whether it is a network resource rather than a route
     * @param network the route's prefix, e.g. {@code 10.1.0.0/24}
     */
    public record RouteGrant(String id, boolean resource, String networkId, String network, PeerId routingPeer,
            String protocol, List<String> ports) {

        public RouteGrant {
            ports = List.copyOf(ports);
        }
    }

    /**
     * One reason access is denied.
     *
     * @param policy the policy it concerns, or null
     * @param rule the rule it concerns, or null
     * @param ruleName that rule's name then, or null
     * @param event the stored event behind it, or null when there is none (no rule, a route, a proposed change)
     */
    public record Denial(DenialCode code, String message, PolicyId policy, PolicyRuleId rule, String ruleName,
            EventPosition event) {

        /** A reason that concerns no rule. */
        public Denial(DenialCode code, String message, EventPosition event) {
            this(code, message, null, null, null, event);
        }
    }

    public enum DenialCode {
        SOURCE_NOT_APPROVED,
        DESTINATION_NOT_APPROVED,
        SOURCE_LOGIN_EXPIRED,
        DESTINATION_LOGIN_EXPIRED,
        SOURCE_OWNER_BLOCKED,
        DESTINATION_OWNER_BLOCKED,
        NO_RULE,
        POLICY_DISABLED,
        RULE_DISABLED,
        WRONG_DIRECTION,
        PROTOCOL_NOT_COVERED,
        PORT_NOT_COVERED,
        ROUTE_NOT_GRANTED,
        /** The maps deny it and no reason was found: said rather than invented. */
        UNEXPLAINED;

        /** {@code source_not_approved}, ... */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
