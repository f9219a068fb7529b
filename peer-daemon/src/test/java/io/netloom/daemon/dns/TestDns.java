package io.netloom.daemon.dns;

import io.netloom.daemon.map.DnsRecord;
import io.netloom.daemon.map.DnsZone;
import io.netloom.daemon.map.MapConfig;
import io.netloom.daemon.map.Nameserver;
import io.netloom.daemon.map.NameserverGroup;
import io.netloom.daemon.map.NetworkMap;
import io.netloom.daemon.map.RemotePeer;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Maps with DNS sections for the resolver's tests: this peer is 100.64.0.1, self.netloom.internal. */
final class TestDns {

    static final InetSocketAddress SELF = new InetSocketAddress("100.64.0.1", 53);

    private TestDns() {
    }

    static NetworkMap map(List<RemotePeer> peers, List<NameserverGroup> groups, List<DnsZone> zones,
            List<DnsRecord> records) {
        return new NetworkMap(1, new MapConfig("100.64.0.1/10", "self.netloom.internal", "netloom.internal", true,
                List.of()), peers, List.of(), List.of(), List.of(), List.of(), groups, zones, records);
    }

    /** A peer with extra DNS labels (ADR 0046), each a name in netloom.internal. */
    static RemotePeer peer(String label, int host, String... extraLabels) {
        return new RemotePeer(label, "key-" + label, "100.64.0." + host + "/32", label + ".netloom.internal", true,
                Arrays.stream(extraLabels).map(extra -> extra + ".netloom.internal").toList());
    }

    static NameserverGroup primary(String id, String... ips) {
        return new NameserverGroup(id, id, nameservers(ips), true, List.of(), false);
    }

    static NameserverGroup match(String id, List<String> domains, String... ips) {
        return new NameserverGroup(id, id, nameservers(ips), false, domains, false);
    }

    static List<Nameserver> nameservers(String... ips) {
        return Arrays.stream(ips).map(ip -> ip.contains("#") ? new Nameserver(ip.substring(0, ip.indexOf('#')),
                Integer.parseInt(ip.substring(ip.indexOf('#') + 1))) : new Nameserver(ip, 53)).toList();
    }

    static DnsZone zone(String domain) {
        return new DnsZone(domain, false);
    }

    static DnsRecord record(String zone, String name, String type, String content) {
        return new DnsRecord(zone, name, type, content, 300);
    }

    static Name name(String text) {
        try {
            return Name.fromString(text, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static InetSocketAddress server(String ip) {
        return new InetSocketAddress(ip, 53);
    }
}
