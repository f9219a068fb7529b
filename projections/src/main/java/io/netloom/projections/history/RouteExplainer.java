package io.netloom.projections.history;

import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.route.RoutePrefix;
import io.netloom.projections.history.Explanation.Denial;
import io.netloom.projections.history.Explanation.DenialCode;
import io.netloom.projections.history.Explanation.RouteGrant;
import io.netloom.projections.networkmap.AccountSnapshot;
import io.netloom.projections.networkmap.ForwardRule;
import io.netloom.projections.networkmap.NetworkMap;
import io.netloom.projections.networkmap.NetworkMapCalculator;
import io.netloom.projections.networkmap.PeerNode;
import io.netloom.projections.networkmap.RouteEntry;
import io.netloom.projections.networkmap.RouteSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Explains whether a peer could reach a network address (not a peer) through a routing peer: allowed exactly when the
 * source's calculated map holds a route covering the address and that route's routing peer's map forwards the traffic
 * from the source's overlay address (docs/protocol.md §2b). Otherwise it says which route would cover the address
 * and what the source lacks, or that none does.
 */
public final class RouteExplainer {

    private RouteExplainer() {
    }

    /** Whether {@code source} could send {@code traffic} to {@code address} (dotted IPv4), and why. */
    public static Explanation explain(AccountState state, PeerId source, String address, Traffic traffic,
            Naming names) {
        RoutePrefix host = new RoutePrefix(address + "/32");
        AccountSnapshot snapshot = state.snapshot();
        PeerNode client = snapshot.peers().get(source);
        if (client == null) {
            throw new IllegalArgumentException("no peer " + source + " in this account");
        }
        List<RouteEntry> covering = NetworkMapCalculator.mapsOf(snapshot, List.of(source)).get(source).routes()
                .stream().filter(entry -> new RoutePrefix(entry.network()).overlaps(host)).toList();
        Set<PeerId> routers = new HashSet<>();
        covering.forEach(entry -> routers.add(new PeerId(entry.peer())));
        Map<PeerId, NetworkMap> routerMaps = NetworkMapCalculator.mapsOf(snapshot, routers);
        List<RouteGrant> grants = new ArrayList<>();
        List<Denial> uncovered = new ArrayList<>();
        for (RouteEntry entry : covering) {
            List<ForwardRule> forwarded = routerMaps.get(new PeerId(entry.peer())).forwardRules().stream()
                    .filter(rule -> rule.source().equals(client.hostAddress())
                            && rule.destination().equals(entry.network()))
                    .toList();
            boolean resource = isResource(snapshot, entry.id());
            forwarded.stream().filter(rule -> traffic.covers(rule.protocol(), rule.ports())).forEach(rule ->
                    grants.add(new RouteGrant(entry.id(), resource, entry.networkId(), entry.network(),
                            new PeerId(entry.peer()), rule.protocol(), rule.ports())));
            if (forwarded.stream().noneMatch(rule -> traffic.covers(rule.protocol(), rule.ports()))) {
                uncovered.add(notForwarded(entry, forwarded, traffic, names));
            }
        }
        if (!grants.isEmpty()) {
            return new Explanation(true, List.of(), grants, List.of());
        }
        List<Denial> denials = new ArrayList<>(PeerStanding.denials(state, source, true, names));
        denials.addAll(uncovered);
        if (covering.isEmpty()) {
            denials.addAll(notGranted(snapshot, source, address, host, names));
        }
        if (denials.isEmpty()) {
            denials.add(new Denial(DenialCode.UNEXPLAINED, "the maps deny this traffic but no route or standing"
                    + " explains why", null));
        }
        return new Explanation(false, List.of(), List.of(), denials);
    }

    private static Denial notForwarded(RouteEntry entry, List<ForwardRule> forwarded, Traffic traffic, Naming names) {
        boolean protocolCovered = forwarded.stream().anyMatch(rule -> traffic.coversProtocol(rule.protocol()));
        Set<String> allowed = new LinkedHashSet<>();
        forwarded.forEach(rule -> allowed.add(Traffic.describe(rule.protocol(), rule.ports())));
        return new Denial(protocolCovered ? DenialCode.PORT_NOT_COVERED : DenialCode.PROTOCOL_NOT_COVERED,
                "route " + entry.id() + " to " + entry.network() + " through " + names.peer(new PeerId(entry.peer()))
                        + " forwards " + (allowed.isEmpty() ? "nothing" : String.join("; ", allowed))
                        + " from the source, not " + traffic.describe(), null);
    }

    /** Why the source received no route covering the address: none exists, or each one that does is withheld. */
    private static List<Denial> notGranted(AccountSnapshot snapshot, PeerId source, String address, RoutePrefix host,
            Naming names) {
        List<Denial> denials = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (RouteSpec spec : snapshot.routes()) {
            if (!new RoutePrefix(spec.network()).overlaps(host) || !seen.add(spec.id())) {
                continue;
            }
            String route = (spec.resource() ? "network resource " : "route ") + spec.id() + " (" + spec.network() + ")";
            String needs;
            if (!spec.enabled()) {
                needs = "it (or its router) is disabled";
            } else if (source.equals(spec.peer())) {
                needs = names.peer(source) + " routes it itself";
            } else if (spec.resource()) {
                needs = names.peer(source) + " would need an enabled policy rule from one of its groups to one of "
                        + groupNames(spec.accessControlGroups(), names);
            } else {
                needs = names.peer(source) + " would need to be in one of its groups "
                        + groupNames(spec.groups(), names) + " and reach an active routing peer of it by policy"
                        + (spec.accessControlGroups().isEmpty() ? ""
                                : ", with an enabled policy rule to one of "
                                        + groupNames(spec.accessControlGroups(), names));
            }
            denials.add(new Denial(DenialCode.ROUTE_NOT_GRANTED, route + " covers " + address + " but "
                    + names.peer(source) + " did not receive it: " + needs, null));
        }
        if (denials.isEmpty()) {
            denials.add(new Denial(DenialCode.ROUTE_NOT_GRANTED, "no route or network resource covers " + address,
                    null));
        }
        return denials;
    }

    private static boolean isResource(AccountSnapshot snapshot, String id) {
        return snapshot.routes().stream().anyMatch(spec -> spec.id().equals(id) && spec.resource());
    }

    private static String groupNames(Set<GroupId> groups, Naming names) {
        return groups.stream().map(names::group).sorted().toList().toString();
    }
}
