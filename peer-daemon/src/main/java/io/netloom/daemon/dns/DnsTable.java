package io.netloom.daemon.dns;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * Everything the peer's resolver answers from, made from one map ({@link DnsTables#of}) and never changed: a new
 * map makes a new table, which replaces the old one in one step.
 *
 * @param meshDomain the account's {@code dns_domain}, where this resolver is authoritative; {@code null}: none
 * @param meshNames the A records of this peer and of every peer in its map, by name (all in {@code meshDomain}):
 *     their labels and extra labels; a name several peers carry has each of their addresses, in address order
 * @param overlay where the overlay's reverse names lie; {@code null}: none (no usable address in the map)
 * @param reverseNames the PTR records of this peer's and every remote peer's overlay address, naming its FQDN
 * @param zones the custom zones received, deepest first
 * @param records the custom zones' records by owner name (a wildcard record under its {@code *.parent} name)
 * @param matchDomains where names are forwarded by match domain, most specific first
 * @param primary the primary nameserver groups' resolvers, in the groups' order; {@code null}: none
 * @param system the resolvers the system had before, for names no other rule takes; {@code null}: none known
 * @param groups the nameserver groups in effect, for status
 * @param searchDomains the search domains in order: the mesh domain, zones, match domains
 * @param problems map entries set aside, each saying why
 */
public record DnsTable(
        Name meshDomain,
        Map<Name, List<Record>> meshNames,
        OverlayReverse overlay,
        Map<Name, List<Record>> reverseNames,
        List<Zone> zones,
        Map<Name, List<Record>> records,
        List<MatchDomain> matchDomains,
        Upstreams primary,
        Upstreams system,
        List<Group> groups,
        List<Name> searchDomains,
        List<String> problems) {

    public DnsTable {
        meshNames = Map.copyOf(meshNames);
        reverseNames = Map.copyOf(reverseNames);
        zones = List.copyOf(zones);
        records = Map.copyOf(records);
        matchDomains = List.copyOf(matchDomains);
        groups = List.copyOf(groups);
        searchDomains = List.copyOf(searchDomains);
        problems = List.copyOf(problems);
    }

    /** A table that knows no name and forwards nothing: before the first map. */
    public static final DnsTable EMPTY = new DnsTable(null, Map.of(), null, Map.of(), List.of(), Map.of(), List.of(),
            null, null, List.of(), List.of(), List.of());

    /**
     * Whether every question gets the same answer from both tables (TTLs aside): when not, caches in front of the
     * resolver must be emptied.
     */
    public boolean answersAlike(DnsTable other) {
        return Objects.equals(meshDomain, other.meshDomain) && meshNames.equals(other.meshNames)
                && Objects.equals(overlay, other.overlay) && reverseNames.equals(other.reverseNames)
                && zones.equals(other.zones) && records.equals(other.records) && matchDomains.equals(other.matchDomains)
                && Objects.equals(primary, other.primary) && Objects.equals(system, other.system);
    }

    /** The deepest received zone {@code name} lies in, or {@code null}. */
    public Zone zoneOf(Name name) {
        return zones.stream().filter(zone -> name.subdomain(zone.name())).findFirst().orElse(null);
    }

    /**
     * A custom zone.
     *
     * @param records how many records of it were received (and kept)
     */
    public record Zone(Name name, boolean searchDomain, int records) {
    }

    /** Names at or below {@code domain} go to {@code upstreams}. */
    public record MatchDomain(Name domain, Upstreams upstreams) {
    }

    /**
     * A nameserver group as the resolver uses it.
     *
     * @param searchDomains whether its match domains are search domains too
     */
    public record Group(String name, Upstreams upstreams, boolean primary, List<Name> domains,
            boolean searchDomains) {

        public Group {
            domains = List.copyOf(domains);
        }
    }
}
