package io.netloom.daemon.dns;

import io.netloom.daemon.link.IpLiterals;
import io.netloom.daemon.link.Printable;
import io.netloom.daemon.map.DnsRecord;
import io.netloom.daemon.map.DnsZone;
import io.netloom.daemon.map.MapConfig;
import io.netloom.daemon.map.Nameserver;
import io.netloom.daemon.map.NameserverGroup;
import io.netloom.daemon.map.NetworkMap;
import io.netloom.daemon.map.RemotePeer;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;

/**
 * Makes the resolver's {@link DnsTable} from a map (docs/protocol.md §2d). Entries that cannot be used (a name that
 * is no DNS name, an address that is none, a record outside its zone) are set aside one by one, each with a problem
 * saying why, and the rest is used, as the routes sections are (§2b).
 */
public final class DnsTables {

    /**
     * The TTL of the mesh's names and of negative answers: short, so that a cache in front of this resolver
     * (systemd-resolved, an application's) shows a policy change within a second. Asking this resolver again costs
     * microseconds on the same machine.
     */
    public static final long MESH_TTL = 1;

    private DnsTables() {
    }

    /**
     * @param self where this resolver listens: never an upstream of itself, whatever the map or the system say
     * @param systemResolvers the resolvers the system had before the daemon took over, for names no rule takes
     */
    public static DnsTable of(NetworkMap map, InetSocketAddress self, List<InetSocketAddress> systemResolvers) {
        List<String> problems = new ArrayList<>();
        MapConfig config = map.config();
        Name meshDomain = config == null || config.dnsDomain() == null || config.dnsDomain().isBlank() ? null
                : name(config.dnsDomain(), "dns_domain", problems);
        Map<Name, List<Record>> meshNames = meshDomain == null ? Map.of() : meshNames(map, meshDomain, problems);
        OverlayReverse overlay = overlay(config, problems);
        Map<Name, List<Record>> reverseNames = overlay == null ? Map.of() : reverseNames(map, problems);
        List<DnsTable.Zone> zones = new ArrayList<>();
        Map<Name, List<Record>> records = records(map, zones, problems);
        List<DnsTable.Group> groups = groups(map, self, problems);
        List<DnsTable.MatchDomain> matchDomains = matchDomains(groups);
        List<InetSocketAddress> primary = groups.stream().filter(DnsTable.Group::primary)
                .flatMap(group -> group.upstreams().servers().stream()).toList();
        List<InetSocketAddress> system = systemResolvers.stream().filter(server -> !server.equals(self)).toList();
        return new DnsTable(meshDomain, meshNames, overlay, reverseNames, zones, records, matchDomains,
                primary.isEmpty() ? null : new Upstreams(label(groups.stream().filter(DnsTable.Group::primary)
                        .toList()), primary),
                system.isEmpty() ? null : new Upstreams(Upstreams.SYSTEM, system),
                groups, searchDomains(map, meshDomain, groups), problems);
    }

    /**
     * This peer's own names and every remote peer's, label and extra labels, with their overlay addresses. Extra
     * labels are not unique (ADR 0046): as NetBird's records do, a name several peers carry answers with each of
     * their addresses — only of the peers in the map, which are the ones this peer may reach — in address order,
     * whatever order the map lists them in.
     */
    private static Map<Name, List<Record>> meshNames(NetworkMap map, Name meshDomain, List<String> problems) {
        Map<Name, List<Record>> names = new HashMap<>();
        MapConfig config = map.config();
        addPeer(names, meshDomain, config.fqdn(), config.address(), "this peer", problems);
        config.extraFqdns().forEach(extra -> addPeer(names, meshDomain, extra, config.address(),
                "this peer (an extra label)", problems));
        for (RemotePeer peer : map.remotePeers()) {
            addPeer(names, meshDomain, peer.fqdn(), peer.allowedIp(), "peer " + peer.id(), problems);
            peer.extraFqdns().forEach(extra -> addPeer(names, meshDomain, extra, peer.allowedIp(),
                    "peer " + peer.id() + " (an extra label)", problems));
        }
        names.replaceAll((name, list) -> list.stream().distinct()
                .sorted(Comparator.comparing(record -> ((ARecord) record).getAddress().getAddress(),
                        Arrays::compareUnsigned))
                .toList());
        return names;
    }

    private static OverlayReverse overlay(MapConfig config, List<String> problems) {
        if (config == null || config.address() == null) {
            return null;
        }
        try {
            return OverlayReverse.of(config.address());
        } catch (IllegalArgumentException e) {
            problems.add("the overlay address " + Printable.quote(config.address()) + " is unusable for reverse names: "
                    + e.getMessage());
            return null;
        }
    }

    /** The PTR record of this peer's address and of every remote peer's, naming its FQDN (not its extra labels). */
    private static Map<Name, List<Record>> reverseNames(NetworkMap map, List<String> problems) {
        Map<Name, List<Record>> names = new HashMap<>();
        addPointer(names, map.config().fqdn(), map.config().address(), "this peer", problems);
        for (RemotePeer peer : map.remotePeers()) {
            addPointer(names, peer.fqdn(), peer.allowedIp(), "peer " + peer.id(), problems);
        }
        names.replaceAll((name, list) -> List.copyOf(list));
        return names;
    }

    private static void addPointer(Map<Name, List<Record>> names, String fqdn, String address, String who,
            List<String> problems) {
        if (fqdn == null || fqdn.isBlank() || address == null) {
            return;
        }
        try {
            Name target = absolute(fqdn);
            Name reverse = OverlayReverse.nameOf(IpLiterals.parse(hostOf(address)));
            names.computeIfAbsent(reverse, key -> new ArrayList<>())
                    .add(new PTRRecord(reverse, DClass.IN, MESH_TTL, target));
        } catch (IllegalArgumentException | TextParseException e) {
            problems.add("the reverse name of " + who + " is not answered: " + e.getMessage());
        }
    }

    private static String hostOf(String address) {
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }

    private static void addPeer(Map<Name, List<Record>> names, Name meshDomain, String fqdn, String address,
            String who, List<String> problems) {
        if (fqdn == null || fqdn.isBlank() || address == null) {
            return;
        }
        Name name = name(fqdn, "the name of " + who, problems);
        if (name == null) {
            return;
        }
        if (!name.subdomain(meshDomain)) {
            problems.add("the name of " + who + " " + Printable.quote(fqdn) + " is not in dns_domain; not answered");
            return;
        }
        try {
            InetAddress ip = IpLiterals.parse(hostOf(address));
            names.computeIfAbsent(name, key -> new ArrayList<>()).add(new ARecord(name, DClass.IN, MESH_TTL, ip));
        } catch (IllegalArgumentException e) {
            problems.add("the name of " + who + " is not answered: " + e.getMessage());
        }
    }

    /** The zones (deepest first, into {@code zones}) and their usable records by owner name. */
    private static Map<Name, List<Record>> records(NetworkMap map, List<DnsTable.Zone> zones, List<String> problems) {
        Map<Name, DnsZone> received = new LinkedHashMap<>();
        for (DnsZone zone : map.dnsZones()) {
            Name name = name(zone.domain(), "dns zone", problems);
            if (name != null) {
                received.put(name, zone);
            }
        }
        Map<Name, List<Record>> records = new HashMap<>();
        Map<Name, Integer> counts = new HashMap<>();
        for (DnsRecord entry : map.dnsRecords()) {
            try {
                Name zone = absolute(entry.zone());
                if (!received.containsKey(zone)) {
                    throw new IllegalArgumentException("its zone was not received");
                }
                Record record = record(entry, zone);
                records.computeIfAbsent(record.getName(), key -> new ArrayList<>()).add(record);
                counts.merge(zone, 1, Integer::sum);
            } catch (IllegalArgumentException | TextParseException e) {
                problems.add("dns record " + Printable.quote(entry.name() + " " + entry.type() + " " + entry.content())
                        + " set aside: " + e.getMessage());
            }
        }
        received.forEach((name, zone) -> zones.add(new DnsTable.Zone(name, zone.searchDomain(),
                counts.getOrDefault(name, 0))));
        zones.sort(Comparator.comparingInt((DnsTable.Zone zone) -> zone.name().labels()).reversed());
        records.replaceAll((name, list) -> List.copyOf(list));
        return records;
    }

    private static Record record(DnsRecord entry, Name zone) throws TextParseException {
        Name name = absolute(entry.name());
        if (!name.subdomain(zone)) {
            throw new IllegalArgumentException("it is not in its zone " + zone);
        }
        if (entry.ttl() < 0) {
            throw new IllegalArgumentException("negative TTL");
        }
        String type = entry.type() == null ? "" : entry.type();
        switch (type) {
            case "A" -> {
                if (!(IpLiterals.parse(entry.content()) instanceof Inet4Address ip)) {
                    throw new IllegalArgumentException("an A record needs an IPv4 address");
                }
                return new ARecord(name, DClass.IN, entry.ttl(), ip);
            }
            case "AAAA" -> {
                if (!(IpLiterals.parse(entry.content()) instanceof Inet6Address ip)) {
                    throw new IllegalArgumentException("an AAAA record needs an IPv6 address");
                }
                return new AAAARecord(name, DClass.IN, entry.ttl(), ip);
            }
            case "CNAME" -> {
                Name target = absolute(entry.content());
                if (target.isWild()) {
                    throw new IllegalArgumentException("a CNAME cannot point at a wildcard");
                }
                return new CNAMERecord(name, DClass.IN, entry.ttl(), target);
            }
            default -> throw new IllegalArgumentException("type " + Printable.quote(type) + " is not A, AAAA or CNAME");
        }
    }

    /** The usable nameserver groups, in the map's order (by id), each with its usable nameservers. */
    private static List<DnsTable.Group> groups(NetworkMap map, InetSocketAddress self, List<String> problems) {
        List<NameserverGroup> sorted = new ArrayList<>(map.nameserverGroups());
        // Deltas append what they add; the protocol's order (by id) decides between equal match domains.
        sorted.sort(Comparator.comparing(NameserverGroup::id, Comparator.nullsFirst(Comparator.naturalOrder())));
        List<DnsTable.Group> groups = new ArrayList<>();
        for (NameserverGroup group : sorted) {
            String label = group.name() == null || group.name().isBlank() ? group.id() : group.name();
            List<InetSocketAddress> servers = new ArrayList<>();
            for (Nameserver nameserver : group.nameservers()) {
                try {
                    if (nameserver.port() < 1 || nameserver.port() > 65535) {
                        throw new IllegalArgumentException("port " + nameserver.port() + " is not between 1 and 65535");
                    }
                    InetSocketAddress server = new InetSocketAddress(IpLiterals.parse(nameserver.ip()),
                            nameserver.port());
                    if (server.equals(self)) {
                        throw new IllegalArgumentException("it is this resolver itself");
                    }
                    servers.add(server);
                } catch (IllegalArgumentException e) {
                    problems.add("nameserver " + Printable.quote(nameserver.ip()) + " of nameserver group "
                            + Printable.quote(label) + " set aside: " + e.getMessage());
                }
            }
            List<Name> domains = new ArrayList<>();
            for (String domain : group.domains()) {
                Name name = name(domain, "match domain of nameserver group " + Printable.quote(label), problems);
                if (name != null) {
                    domains.add(name);
                }
            }
            if (servers.isEmpty()) {
                problems.add("nameserver group " + Printable.quote(label) + " not used: no usable nameserver");
            } else if (!group.primary() && domains.isEmpty()) {
                problems.add("nameserver group " + Printable.quote(label) + " not used: neither primary nor any "
                        + "usable match domain");
            } else {
                groups.add(new DnsTable.Group(label, new Upstreams(label, servers), group.primary(),
                        group.primary() ? List.of() : domains, group.searchDomains() && !group.primary()));
            }
        }
        return groups;
    }

    /**
     * One entry per match domain, most specific first; the groups that share a domain are asked in their order,
     * one after the other.
     */
    private static List<DnsTable.MatchDomain> matchDomains(List<DnsTable.Group> groups) {
        Map<Name, List<DnsTable.Group>> byDomain = new LinkedHashMap<>();
        for (DnsTable.Group group : groups) {
            group.domains().forEach(domain -> byDomain.computeIfAbsent(domain, key -> new ArrayList<>()).add(group));
        }
        List<DnsTable.MatchDomain> matchDomains = new ArrayList<>();
        byDomain.forEach((domain, sharing) -> matchDomains.add(new DnsTable.MatchDomain(domain, new Upstreams(
                label(sharing), sharing.stream().flatMap(group -> group.upstreams().servers().stream()).toList()))));
        matchDomains.sort(Comparator.comparingInt((DnsTable.MatchDomain match) -> match.domain().labels()).reversed());
        return matchDomains;
    }

    private static String label(List<DnsTable.Group> groups) {
        return String.join(", ", groups.stream().map(DnsTable.Group::name).toList());
    }

    /** The mesh domain, then the zones and match domains that are search domains, each once. */
    private static List<Name> searchDomains(NetworkMap map, Name meshDomain, List<DnsTable.Group> groups) {
        Set<Name> search = new LinkedHashSet<>();
        if (meshDomain != null) {
            search.add(meshDomain);
        }
        map.dnsZones().stream().filter(DnsZone::searchDomain).map(zone -> quietly(zone.domain()))
                .filter(Objects::nonNull).forEach(search::add);
        groups.stream().filter(DnsTable.Group::searchDomains).forEach(group -> search.addAll(group.domains()));
        return List.copyOf(search);
    }

    private static Name quietly(String text) {
        try {
            return absolute(text);
        } catch (TextParseException | IllegalArgumentException e) {
            return null;
        }
    }

    private static Name name(String text, String what, List<String> problems) {
        try {
            return absolute(text);
        } catch (TextParseException | IllegalArgumentException e) {
            problems.add(what + " " + Printable.quote(text) + " is no DNS name; set aside");
            return null;
        }
    }

    /** A name as the map writes it (no trailing dot; one is accepted), relative to the root. */
    static Name absolute(String text) throws TextParseException {
        if (text == null || text.isBlank() || text.equals(".")) {
            throw new IllegalArgumentException("an empty name");
        }
        return Name.fromString(text, Name.root);
    }
}
