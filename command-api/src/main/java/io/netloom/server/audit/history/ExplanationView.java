package io.netloom.server.audit.history;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.projections.history.Explanation;
import io.netloom.projections.history.Naming;
import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /api/netloom/explain}: the question as understood, whether it was allowed, and the rules
 * and routes that allowed it or every reason it was denied, each citing the stored events behind it.
 *
 * @param destination the destination peer, or null when {@code address} was asked about
 * @param address the network address asked about (not a peer's), or null
 */
public record ExplanationView(Instant at, Named source, Named destination, String address, String protocol,
        Integer port, boolean allowed, List<Rule> rules, List<Route> routes, List<Reason> denials) {

    /** Something by its id and its current name (its id once it no longer exists). */
    public record Named(String id, String name) {
    }

    public record Membership(String id, String name, @JsonProperty("all_peers") boolean allPeers,
            @JsonProperty("added_by") CitedEvent addedBy) {
    }

    /** A rule that let the source reach the destination, with the memberships it matched through. */
    public record Rule(Named policy, @JsonProperty("policy_changed_by") CitedEvent policyChangedBy, Named rule,
            String direction, @JsonProperty("source_groups") List<Membership> sourceGroups,
            @JsonProperty("destination_groups") List<Membership> destinationGroups, String protocol,
            List<String> ports) {
    }

    public record Route(String id, boolean resource, @JsonProperty("network_id") String networkId, String network,
            @JsonProperty("routing_peer") Named routingPeer, String protocol, List<String> ports) {
    }

    /** One reason for a denial; {@code policy}, {@code rule} and {@code event} are null where none applies. */
    public record Reason(String code, String message, Named policy, Named rule, CitedEvent event) {
    }

    /** Renders an explanation, naming things through {@code names} and citing events through {@code citations}. */
    static ExplanationView of(Explanation explanation, Question question, AccountId account, Naming names,
            EventCitations citations) {
        List<Rule> rules = explanation.grants().stream().map(grant -> new Rule(
                new Named(grant.policy().value(), names.policy(grant.policy())),
                citations.cite(account, grant.policyChangedBy()),
                new Named(grant.rule().value(), grant.ruleName()), grant.direction().wireName(),
                memberships(grant.sourceGroups(), account, names, citations),
                memberships(grant.destinationGroups(), account, names, citations), grant.protocol(), grant.ports()))
                .toList();
        List<Route> routes = explanation.routes().stream().map(route -> new Route(route.id(), route.resource(),
                route.networkId(), route.network(), peer(route.routingPeer(), names), route.protocol(), route.ports()))
                .toList();
        List<Reason> denials = explanation.denials().stream().map(denial -> new Reason(denial.code().wireName(),
                denial.message(),
                denial.policy() == null ? null : new Named(denial.policy().value(), names.policy(denial.policy())),
                denial.rule() == null ? null : new Named(denial.rule().value(), denial.ruleName()),
                citations.cite(account, denial.event()))).toList();
        return new ExplanationView(question.at(), peer(question.source(), names),
                question.destination() == null ? null : peer(question.destination(), names), question.address(),
                question.protocol(), question.port(), explanation.allowed(), rules, routes, denials);
    }

    /** What was asked: a destination peer, or an address. */
    record Question(Instant at, PeerId source, PeerId destination, String address, String protocol, Integer port) {
    }

    private static List<Membership> memberships(List<Explanation.Membership> memberships, AccountId account,
            Naming names, EventCitations citations) {
        return memberships.stream().map(member -> new Membership(member.group().value(),
                member.allPeers() ? "all peers" : names.group(member.group()), member.allPeers(),
                citations.cite(account, member.addedBy()))).toList();
    }

    private static Named peer(PeerId id, Naming names) {
        return new Named(id.value(), names.peer(id));
    }
}
