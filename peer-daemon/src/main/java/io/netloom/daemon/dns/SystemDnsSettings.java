package io.netloom.daemon.dns;

import java.net.InetAddress;
import java.util.List;

/**
 * What the system is told about the peer's resolver.
 *
 * @param resolver the resolver's address (it listens on port 53 there)
 * @param searchDomains the map's search domains, in order
 * @param routedDomains the other domains the resolver answers or forwards, for a system that routes names by domain
 *     (systemd-resolved): the mesh domain, custom zones, match domains
 * @param everything whether every name should go to the resolver (the map has a primary nameserver group)
 */
public record SystemDnsSettings(InetAddress resolver, List<String> searchDomains, List<String> routedDomains,
        boolean everything) {

    public SystemDnsSettings {
        searchDomains = List.copyOf(searchDomains);
        routedDomains = List.copyOf(routedDomains);
    }
}
