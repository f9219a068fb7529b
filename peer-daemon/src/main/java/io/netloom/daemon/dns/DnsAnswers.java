package io.netloom.daemon.dns;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * How the peer's resolver answers a question from its {@link DnsTable} alone: the rules of docs/protocol.md §2d,
 * first that applies. Pure: no I/O, no clock, no state.
 *
 * <ol>
 *   <li>The reverse name of an address in the overlay network: the peer of that address answers with its FQDN if
 *       it is this peer or one in the map (one this peer may reach), else the name does not exist.</li>
 *   <li>A name at or below the mesh domain, and in no received zone below it: the peers' names answer with their
 *       address, any other name there does not exist.</li>
 *   <li>A name with records in a received zone (its own, else the nearest wildcard): answered from them. Zones are
 *       not authoritative: a name without records falls through.</li>
 *   <li>A name at or below a match domain: forwarded to the groups of the most specific one.</li>
 *   <li>Anything else: forwarded to the primary groups, else to the system's resolvers from before.</li>
 * </ol>
 *
 * CNAMEs answered here are followed through the same rules, at most {@link #MAX_CNAME_STEPS} of them.
 */
public final class DnsAnswers {

    /** CNAMEs followed for one question; one more, or a loop, is a failure (protocol §2d). */
    public static final int MAX_CNAME_STEPS = 8;

    private DnsAnswers() {
    }

    public static DnsDecision decide(DnsTable table, Name question, int type) {
        List<Record> chain = new ArrayList<>();
        Set<Name> visited = new HashSet<>();
        Name name = question;
        while (visited.add(name)) {
            Step step = step(table, name, type);
            if (step instanceof Final done) {
                List<Record> answers = new ArrayList<>(chain);
                answers.addAll(done.answers());
                return new DnsDecision.Answer(done.rcode(), answers, done.authority(), true);
            }
            if (step instanceof Alias alias) {
                chain.add(alias.cname());
                if (chain.size() > MAX_CNAME_STEPS) {
                    return DnsDecision.Answer.failure();
                }
                name = alias.cname().getTarget();
                continue;
            }
            Upstreams upstreams = ((Ask) step).upstreams();
            return upstreams == null ? DnsDecision.Answer.failure() : new DnsDecision.Forward(name, upstreams, chain);
        }
        return DnsDecision.Answer.failure();
    }

    /** What one name, without the CNAMEs before it, comes to. */
    private sealed interface Step {
    }

    private record Final(int rcode, List<Record> answers, List<Record> authority) implements Step {
    }

    private record Alias(CNAMERecord cname) implements Step {
    }

    /** Forward; {@code null}: there is nobody to ask. */
    private record Ask(Upstreams upstreams) implements Step {
    }

    private static Step step(DnsTable table, Name name, int type) {
        if (table.overlay() != null && table.overlay().covers(name)) {
            return reverse(table, name, type);
        }
        Name meshDomain = table.meshDomain();
        if (meshDomain != null && name.subdomain(meshDomain) && !inZoneBelow(table, name, meshDomain)) {
            return mesh(table, meshDomain, name, type);
        }
        List<Record> records = recordsOf(table, name);
        if (!records.isEmpty()) {
            return fromRecords(table, name, type, records);
        }
        for (DnsTable.MatchDomain match : table.matchDomains()) {
            if (name.subdomain(match.domain())) {
                return new Ask(match.upstreams());
            }
        }
        return new Ask(table.primary() != null ? table.primary() : table.system());
    }

    private static boolean inZoneBelow(DnsTable table, Name name, Name meshDomain) {
        DnsTable.Zone zone = table.zoneOf(name);
        return zone != null && !zone.name().equals(meshDomain) && zone.name().subdomain(meshDomain);
    }

    /** Rule 2: the mesh domain holds exactly the peers of the map. */
    private static Step mesh(DnsTable table, Name meshDomain, Name name, int type) {
        List<Record> addresses = table.meshNames().get(name);
        if (addresses != null) {
            return type == Type.A || type == Type.ANY ? new Final(Rcode.NOERROR, addresses, List.of())
                    : noData(meshDomain);
        }
        if (name.equals(meshDomain)) {
            return type == Type.SOA ? new Final(Rcode.NOERROR, List.of(soa(meshDomain)), List.of()) : noData(meshDomain);
        }
        return new Final(Rcode.NXDOMAIN, List.of(), List.of(soa(meshDomain)));
    }

    /** Rule 1: the overlay's reverse names hold exactly the addresses of the peers of the map. */
    private static Step reverse(DnsTable table, Name name, int type) {
        Name zone = table.overlay().zone();
        List<Record> pointers = table.reverseNames().get(name);
        if (pointers == null) {
            return new Final(Rcode.NXDOMAIN, List.of(), List.of(soa(zone)));
        }
        return type == Type.PTR || type == Type.ANY ? new Final(Rcode.NOERROR, pointers, List.of()) : noData(zone);
    }

    /** Rule 3's records: the name's own, else those of the nearest wildcard above it, under the name asked. */
    private static List<Record> recordsOf(DnsTable table, Name name) {
        List<Record> own = table.records().get(name);
        if (own != null) {
            return own;
        }
        // wild(k) replaces the first k labels by "*"; the last label is the root, which no zone's wildcard covers.
        for (int k = 1; k < name.labels() - 1; k++) {
            List<Record> wildcard = table.records().get(name.wild(k));
            if (wildcard != null) {
                return wildcard.stream().map(record -> record.withName(name)).toList();
            }
        }
        return List.of();
    }

    private static Step fromRecords(DnsTable table, Name name, int type, List<Record> records) {
        if (type != Type.CNAME && type != Type.ANY) {
            for (Record record : records) {
                if (record instanceof CNAMERecord cname) {
                    return new Alias(cname);
                }
            }
        }
        List<Record> matching = type == Type.ANY ? records
                : records.stream().filter(record -> record.getType() == type).toList();
        if (!matching.isEmpty()) {
            return new Final(Rcode.NOERROR, matching, List.of());
        }
        DnsTable.Zone zone = table.zoneOf(name);
        return noData(zone == null ? name : zone.name());
    }

    private static Final noData(Name zone) {
        return new Final(Rcode.NOERROR, List.of(), List.of(soa(zone)));
    }

    /**
     * The start of authority that negative answers carry (RFC 2308): with TTL and minimum both
     * {@link DnsTables#MESH_TTL}, a name that comes into being is not hidden by a cached "no".
     */
    static SOARecord soa(Name zone) {
        return new SOARecord(zone, DClass.IN, DnsTables.MESH_TTL, zone, zone, 1, 3600, 600, 86400, DnsTables.MESH_TTL);
    }
}
