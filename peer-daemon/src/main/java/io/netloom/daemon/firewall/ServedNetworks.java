package io.netloom.daemon.firewall;

import io.netloom.daemon.link.IpPrefix;
import io.netloom.daemon.link.Printable;
import io.netloom.daemon.map.ServedRoute;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The networks a routing peer forwards to, checked: IPv4 networks without host bits that do not overlap the overlay
 * ({@code 0.0.0.0/0}, an exit node, excepted). Several routes may serve one network (high availability, a route and
 * a network resource); it is masqueraded when any of them asks for it, as that route's clients would otherwise get
 * no replies.
 *
 * @param networks every valid served network, once, in map order
 * @param masqueraded the subset that is masqueraded
 */
record ServedNetworks(Set<IpPrefix> networks, Set<IpPrefix> masqueraded) {

    private static final IpPrefix EVERYWHERE = IpPrefix.parse("0.0.0.0/0");

    /**
     * @param overlay the overlay network, or empty when unknown (then nothing is refused for overlapping it)
     * @param problems receives one sentence per served route left out
     */
    static ServedNetworks of(List<ServedRoute> routes, Optional<IpPrefix> overlay, List<String> problems) {
        Set<IpPrefix> networks = new LinkedHashSet<>();
        Set<IpPrefix> masqueraded = new LinkedHashSet<>();
        for (ServedRoute route : routes) {
            try {
                if (route == null) {
                    throw new InvalidRuleException("the route is empty");
                }
                IpPrefix network = valid(route.network(), overlay);
                networks.add(network);
                if (route.masquerade()) {
                    masqueraded.add(network);
                }
            } catch (InvalidRuleException e) {
                problems.add("served route " + Printable.quote(route == null ? null : route.id()) + " skipped: "
                        + e.getMessage());
            }
        }
        return new ServedNetworks(Collections.unmodifiableSet(networks), Collections.unmodifiableSet(masqueraded));
    }

    private static IpPrefix valid(String network, Optional<IpPrefix> overlay) throws InvalidRuleException {
        IpPrefix prefix = TrafficMatch.ipv4Network("network", network);
        if (overlay.isPresent() && !prefix.equals(EVERYWHERE) && overlaps(prefix, overlay.get())) {
            throw new InvalidRuleException("network " + prefix + " overlaps the overlay " + overlay.get());
        }
        return prefix;
    }

    private static boolean overlaps(IpPrefix a, IpPrefix b) {
        int shorter = Math.min(a.length(), b.length());
        return new IpPrefix(a.address(), shorter).network().equals(new IpPrefix(b.address(), shorter).network());
    }

    boolean isEmpty() {
        return networks.isEmpty();
    }
}
