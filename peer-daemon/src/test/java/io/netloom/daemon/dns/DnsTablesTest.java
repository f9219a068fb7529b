package io.netloom.daemon.dns;

import static io.netloom.daemon.dns.TestDns.map;
import static io.netloom.daemon.dns.TestDns.match;
import static io.netloom.daemon.dns.TestDns.name;
import static io.netloom.daemon.dns.TestDns.peer;
import static io.netloom.daemon.dns.TestDns.primary;
import static io.netloom.daemon.dns.TestDns.record;
import static io.netloom.daemon.dns.TestDns.server;
import static io.netloom.daemon.dns.TestDns.zone;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.map.DnsRecord;
import io.netloom.daemon.map.DnsZone;
import io.netloom.daemon.map.MapConfig;
import io.netloom.daemon.map.NameserverGroup;
import io.netloom.daemon.map.NetworkMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What of a map the resolver uses, and what it sets aside with a reason. */
class DnsTablesTest {

    @Test
    void ofWhenBadRecordsThenEachSetAsideWithItsReasonAndTheRestKept() {
        NetworkMap map = map(List.of(), List.of(), List.of(zone("lab.example")), List.of(
                record("lab.example", "ok.lab.example", "A", "198.18.3.7"),
                record("lab.example", "bad.lab.example", "A", "198.18.3.256"),
                record("lab.example", "v4.lab.example", "AAAA", "::ffff:198.18.3.7"),
                record("lab.example", "www.corp.example", "A", "198.18.3.7"),
                record("other.example", "x.other.example", "A", "198.18.3.7"),
                record("lab.example", "mx.lab.example", "MX", "10 mail.lab.example"),
                record("lab.example", "wild.lab.example", "CNAME", "*.lab.example"),
                new DnsRecord("lab.example", "ttl.lab.example", "A", "198.18.3.7", -1)));

        DnsTable table = DnsTables.of(map, TestDns.SELF, List.of());

        assertThat(table.records()).containsOnlyKeys(name("ok.lab.example"));
        assertThat(table.zones()).singleElement().satisfies(zone -> assertThat(zone.records()).isEqualTo(1));
        assertThat(table.problems()).hasSize(7).anySatisfy(problem -> assertThat(problem)
                .contains("\"www.corp.example A 198.18.3.7\"").contains("not in its zone lab.example."))
                .anySatisfy(problem -> assertThat(problem).contains("needs an IPv6 address"))
                .anySatisfy(problem -> assertThat(problem).contains("zone was not received"))
                .anySatisfy(problem -> assertThat(problem).contains("\"MX\" is not A, AAAA or CNAME"))
                .anySatisfy(problem -> assertThat(problem).contains("wildcard"))
                .anySatisfy(problem -> assertThat(problem).contains("negative TTL"));
    }

    @Test
    void ofWhenNameserverIsThisResolverOrNoAddressThenSetAsideAndAGroupWithoutAnyUnused() {
        NetworkMap map = map(List.of(), List.of(match("ns-1", List.of("corp.example"), "100.64.0.1", "dns.example",
                "198.18.0.53#5353"), primary("ns-2", "100.64.0.1")), List.of(), List.of());

        DnsTable table = DnsTables.of(map, TestDns.SELF, List.of(TestDns.SELF, server("198.18.9.53")));

        assertThat(table.groups()).singleElement().satisfies(group -> assertThat(group.upstreams().servers())
                .containsExactly(new java.net.InetSocketAddress("198.18.0.53", 5353)));
        assertThat(table.primary()).isNull();
        assertThat(table.system().servers()).containsExactly(server("198.18.9.53"));
        assertThat(table.problems()).anySatisfy(problem -> assertThat(problem).contains("this resolver itself"))
                .anySatisfy(problem -> assertThat(problem).contains("\"dns.example\" is not an IP address"))
                .anySatisfy(problem -> assertThat(problem).contains("\"ns-2\" not used: no usable nameserver"));
    }

    @Test
    void ofWhenPeerNameOutsideTheMeshDomainThenNotAnswered() {
        NetworkMap map = map(List.of(peer("b", 2), new io.netloom.daemon.map.RemotePeer("x", "k", "100.64.0.9/32",
                "x.elsewhere.example", true)), List.of(), List.of(), List.of());

        DnsTable table = DnsTables.of(map, TestDns.SELF, List.of());

        assertThat(table.meshNames()).containsOnlyKeys(name("self.netloom.internal"), name("b.netloom.internal"));
        assertThat(table.problems()).singleElement().asString().contains("x.elsewhere.example");
    }

    @Test
    void ofWhenSearchDomainsThenMeshDomainZonesAndMatchDomainsInThatOrderEachOnce() {
        NetworkMap map = map(List.of(), List.of(
                new NameserverGroup("ns-2", "two", TestDns.nameservers("198.18.0.2"), false,
                        List.of("b.example", "lab.example"), true),
                new NameserverGroup("ns-1", "one", TestDns.nameservers("198.18.0.1"), false, List.of("a.example"), true),
                match("ns-3", List.of("c.example"), "198.18.0.3")),
                List.of(new DnsZone("lab.example", true), new DnsZone("quiet.example", false)),
                List.of(record("lab.example", "x.lab.example", "A", "198.18.3.1"),
                        record("quiet.example", "x.quiet.example", "A", "198.18.3.1")));

        DnsTable table = DnsTables.of(map, TestDns.SELF, List.of());

        assertThat(table.searchDomains()).containsExactly(name("netloom.internal"), name("lab.example"),
                name("a.example"), name("b.example"));
    }

    @Test
    void ofWhenNoDnsDomainThenNoMeshNamesAndNoProblemForIt() {
        NetworkMap map = new NetworkMap(1, new MapConfig("100.64.0.1/10", "self", "", true, List.of()), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

        DnsTable table = DnsTables.of(map, TestDns.SELF, List.of());

        assertThat(table.meshDomain()).isNull();
        assertThat(table.searchDomains()).isEmpty();
        assertThat(table.problems()).isEmpty();
    }

    @Test
    void ofWhenPeerGainsAnExtraLabelThenAnswersDifferSoCachesAreFlushed() {
        DnsTable before = DnsTables.of(map(List.of(peer("b", 2)), List.of(), List.of(), List.of()), TestDns.SELF,
                List.of());
        DnsTable after = DnsTables.of(map(List.of(peer("b", 2, "db")), List.of(), List.of(), List.of()), TestDns.SELF,
                List.of());

        assertThat(after.meshNames()).containsKey(name("db.netloom.internal"));
        assertThat(after.answersAlike(before)).isFalse();
        assertThat(after.answersAlike(DnsTables.of(map(List.of(peer("b", 2, "db")), List.of(), List.of(), List.of()),
                TestDns.SELF, List.of()))).isTrue();
    }

    @Test
    void ofWhenMapHasPeersThenReverseNamesOfTheirAddressesAndTheOverlaysZone() {
        DnsTable table = DnsTables.of(map(List.of(peer("b", 2)), List.of(), List.of(), List.of()), TestDns.SELF,
                List.of());

        assertThat(table.reverseNames()).containsOnlyKeys(name("1.0.64.100.in-addr.arpa"),
                name("2.0.64.100.in-addr.arpa"));
        assertThat(table.overlay().zone()).isEqualTo(name("100.in-addr.arpa"));
        assertThat(table.overlay().prefixLength()).isEqualTo(10);
    }

    @Test
    void ofWhenOverlayAddressUnusableThenNoReverseNamesAndAProblem() {
        NetworkMap map = new NetworkMap(1, new MapConfig("100.64.0.1", "self.netloom.internal", "netloom.internal",
                true, List.of()), List.of(peer("b", 2)), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of());

        DnsTable table = DnsTables.of(map, TestDns.SELF, List.of());

        assertThat(table.overlay()).isNull();
        assertThat(table.reverseNames()).isEmpty();
        assertThat(table.problems()).singleElement().asString().contains("unusable for reverse names");
    }
}
