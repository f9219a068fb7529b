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
import io.netloom.daemon.map.NetworkMap;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/** The resolver's rules (docs/protocol.md §2d), one question at a time, on tables made from maps. */
class DnsAnswersTest {

    private static final List<InetSocketAddress> SYSTEM = List.of(server("198.18.9.53"));
    private static final NetworkMap MESH = map(List.of(peer("b", 2), peer("c", 3)), List.of(), List.of(), List.of());

    @Test
    void decideWhenPeerOfTheMapThenItsOverlayAddressAuthoritatively() {
        DnsDecision.Answer answer = answer(MESH, "b.netloom.internal", Type.A);

        assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answer.authoritative()).isTrue();
        assertThat(addresses(answer)).containsExactly("100.64.0.2");
        assertThat(answer.answers().get(0).getTTL()).isEqualTo(DnsTables.MESH_TTL);
    }

    @Test
    void decideWhenOwnNameOrOtherCaseThenAnswered() {
        assertThat(addresses(answer(MESH, "self.netloom.internal", Type.A))).containsExactly("100.64.0.1");
        assertThat(addresses(answer(MESH, "C.NetLoom.Internal.", Type.A))).containsExactly("100.64.0.3");
    }

    @Test
    void decideWhenPeerNotInTheMapThenNxdomainWithShortLivedSoa() {
        DnsDecision.Answer answer = answer(MESH, "d.netloom.internal", Type.A);

        assertThat(answer.rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(answer.answers()).isEmpty();
        assertThat(answer.authority()).singleElement().isInstanceOfSatisfying(SOARecord.class,
                soa -> assertThat(soa.getMinimum()).isEqualTo(DnsTables.MESH_TTL));
    }

    @Test
    void decideWhenBelowAPeerNameOrDeepInTheDomainThenNxdomain() {
        assertThat(answer(MESH, "x.b.netloom.internal", Type.A).rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(answer(MESH, "a.b.c.netloom.internal", Type.AAAA).rcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void decideWhenPeerAskedForAaaaOrMxThenNoData() {
        for (int type : new int[] {Type.AAAA, Type.MX, Type.TXT}) {
            DnsDecision.Answer answer = answer(MESH, "b.netloom.internal", type);

            assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR);
            assertThat(answer.answers()).isEmpty();
            assertThat(answer.authority()).hasSize(1);
        }
    }

    @Test
    void decideWhenTheMeshDomainItselfThenSoaOrNoData() {
        assertThat(answer(MESH, "netloom.internal", Type.SOA).answers()).singleElement().isInstanceOf(SOARecord.class);
        DnsDecision.Answer a = answer(MESH, "netloom.internal", Type.A);
        assertThat(a.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(a.answers()).isEmpty();
    }

    @Test
    void decideWhenMatchDomainEqualsTheMeshDomainThenTheMeshStillAnswers() {
        NetworkMap map = map(List.of(peer("b", 2)), List.of(match("ns-1", List.of("netloom.internal"), "198.18.0.53"),
                primary("ns-2", "198.18.0.54")), List.of(), List.of());

        assertThat(answer(map, "x.netloom.internal", Type.A).rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(addresses(answer(map, "b.netloom.internal", Type.A))).containsExactly("100.64.0.2");
    }

    @Test
    void decideWhenZoneBelowTheMeshDomainThenItsRecordsAnswerAndOtherNamesThereAreForwarded() {
        NetworkMap map = map(List.of(peer("b", 2)), List.of(primary("ns-1", "198.18.0.53")),
                List.of(zone("svc.netloom.internal")),
                List.of(record("svc.netloom.internal", "db.svc.netloom.internal", "A", "198.18.1.5")));

        assertThat(addresses(answer(map, "db.svc.netloom.internal", Type.A))).containsExactly("198.18.1.5");
        assertThat(forward(map, "web.svc.netloom.internal", Type.A).upstreams().label()).isEqualTo("ns-1");
        assertThat(answer(map, "web.netloom.internal", Type.A).rcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void decideWhenRecordOfTheAskedTypeThenAnsweredElseNoData() {
        NetworkMap map = zoneMap(record("lab.example", "printer.lab.example", "A", "198.18.3.7"),
                record("lab.example", "printer.lab.example", "A", "198.18.3.8"),
                record("lab.example", "v6.lab.example", "AAAA", "2001:db8::7"));

        assertThat(addresses(answer(map, "printer.lab.example", Type.A))).containsExactly("198.18.3.7", "198.18.3.8");
        assertThat(answer(map, "v6.lab.example", Type.AAAA).answers()).hasSize(1);
        DnsDecision.Answer noData = answer(map, "printer.lab.example", Type.AAAA);
        assertThat(noData.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(noData.answers()).isEmpty();
        assertThat(noData.authority()).singleElement().satisfies(soa -> assertThat(soa.getName()).isEqualTo(
                name("lab.example")));
    }

    @Test
    void decideWhenNameWithoutRecordsInAZoneThenFallsThroughToUpstream() {
        NetworkMap map = zoneMap(record("lab.example", "printer.lab.example", "A", "198.18.3.7"));

        DnsDecision.Forward forward = forward(map, "www.lab.example", Type.A);

        assertThat(forward.upstreams().label()).isEqualTo(Upstreams.SYSTEM);
        assertThat(forward.upstreams().servers()).isEqualTo(SYSTEM);
        assertThat(forward.chain()).isEmpty();
    }

    @Test
    void decideWhenWildcardThenNearestOneAnswersUnderTheNameAskedAndOwnRecordsWin() {
        NetworkMap map = zoneMap(record("lab.example", "*.lab.example", "A", "198.18.3.1"),
                record("lab.example", "*.b.lab.example", "A", "198.18.3.2"),
                record("lab.example", "own.lab.example", "A", "198.18.3.3"));

        DnsDecision.Answer wild = answer(map, "x.y.lab.example", Type.A);
        assertThat(addresses(wild)).containsExactly("198.18.3.1");
        assertThat(wild.answers().get(0).getName()).isEqualTo(name("x.y.lab.example"));
        assertThat(addresses(answer(map, "x.b.lab.example", Type.A))).containsExactly("198.18.3.2");
        assertThat(addresses(answer(map, "own.lab.example", Type.A))).containsExactly("198.18.3.3");
        assertThat(forward(map, "lab.example", Type.A).upstreams().label()).isEqualTo(Upstreams.SYSTEM);
    }

    @Test
    void decideWhenCnameChainInZonesThenFollowedToTheAddress() {
        NetworkMap map = map(List.of(peer("b", 2)), List.of(), List.of(zone("lab.example")), List.of(
                record("lab.example", "www.lab.example", "CNAME", "app.lab.example"),
                record("lab.example", "app.lab.example", "CNAME", "b.netloom.internal")));

        DnsDecision.Answer answer = answer(map, "www.lab.example", Type.A);

        assertThat(answer.answers()).extracting(Record::getType).containsExactly(Type.CNAME, Type.CNAME, Type.A);
        assertThat(addresses(answer)).containsExactly("100.64.0.2");
    }

    @Test
    void decideWhenCnameAskedForItselfThenOnlyTheCname() {
        NetworkMap map = zoneMap(record("lab.example", "www.lab.example", "CNAME", "app.lab.example"));

        assertThat(answer(map, "www.lab.example", Type.CNAME).answers()).extracting(Record::getType)
                .containsExactly(Type.CNAME);
    }

    @Test
    void decideWhenCnameLeadsToAMissingMeshNameThenNxdomainWithTheChain() {
        NetworkMap map = zoneMap(record("lab.example", "www.lab.example", "CNAME", "gone.netloom.internal"));

        DnsDecision.Answer answer = answer(map, "www.lab.example", Type.A);

        assertThat(answer.rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(answer.answers()).extracting(Record::getType).containsExactly(Type.CNAME);
    }

    @Test
    void decideWhenCnameLeadsOutOfTheZonesThenTheTargetIsForwardedWithTheChain() {
        NetworkMap map = map(List.of(), List.of(match("ns-corp", List.of("corp.example"), "198.18.0.53")),
                List.of(zone("lab.example")),
                List.of(record("lab.example", "wiki.lab.example", "CNAME", "wiki.corp.example")));

        DnsDecision.Forward forward = forward(map, "wiki.lab.example", Type.A);

        assertThat(forward.name()).isEqualTo(name("wiki.corp.example"));
        assertThat(forward.upstreams().label()).isEqualTo("ns-corp");
        assertThat(forward.chain()).extracting(Record::getName).containsExactly(name("wiki.lab.example"));
    }

    @Test
    void decideWhenCnameLoopThenServfail() {
        NetworkMap map = map(List.of(), List.of(), List.of(zone("lab.example"), zone("corp.example")), List.of(
                record("lab.example", "a.lab.example", "CNAME", "b.corp.example"),
                record("corp.example", "b.corp.example", "CNAME", "a.lab.example")));

        DnsDecision.Answer answer = answer(map, "a.lab.example", Type.A);

        assertThat(answer.rcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(answer.answers()).isEmpty();
    }

    @Test
    void decideWhenChainOfEightCnamesThenAnsweredAndOfNineThenServfail() {
        assertThat(answer(chain(8), "c0.lab.example", Type.A).rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(addresses(answer(chain(8), "c0.lab.example", Type.A))).containsExactly("198.18.3.9");
        assertThat(answer(chain(9), "c0.lab.example", Type.A).rcode()).isEqualTo(Rcode.SERVFAIL);
    }

    @Test
    void decideWhenNestedMatchDomainsThenTheMostSpecificGroupWhateverTheOrder() {
        NetworkMap map = map(List.of(), List.of(match("ns-a", List.of("eu.corp.example"), "198.18.0.2"),
                match("ns-b", List.of("corp.example"), "198.18.0.1"), primary("ns-c", "198.18.0.3")), List.of(),
                List.of());

        assertThat(forward(map, "db.eu.corp.example", Type.A).upstreams().label()).isEqualTo("ns-a");
        assertThat(forward(map, "eu.corp.example", Type.A).upstreams().label()).isEqualTo("ns-a");
        assertThat(forward(map, "us.corp.example", Type.A).upstreams().label()).isEqualTo("ns-b");
        assertThat(forward(map, "corp.example", Type.MX).upstreams().label()).isEqualTo("ns-b");
        assertThat(forward(map, "notcorp.example", Type.A).upstreams().label()).isEqualTo("ns-c");
    }

    @Test
    void decideWhenGroupsShareAMatchDomainThenTheirNameserversInIdOrderEvenAfterADelta() {
        // A delta appends the group it adds: ns-1 arrives after ns-2 but is asked first.
        NetworkMap map = map(List.of(), List.of(match("ns-2", List.of("corp.example"), "198.18.0.2"),
                match("ns-1", List.of("corp.example"), "198.18.0.1", "198.18.0.11")), List.of(), List.of());

        assertThat(forward(map, "corp.example", Type.A).upstreams().servers()).containsExactly(server("198.18.0.1"),
                server("198.18.0.11"), server("198.18.0.2"));
    }

    @Test
    void decideWhenZoneRecordAndMatchDomainThenTheRecordFirst() {
        NetworkMap map = map(List.of(), List.of(match("ns-corp", List.of("corp.example"), "198.18.0.53")),
                List.of(zone("corp.example")), List.of(record("corp.example", "intranet.corp.example", "A",
                        "198.18.1.80")));

        assertThat(addresses(answer(map, "intranet.corp.example", Type.A))).containsExactly("198.18.1.80");
        assertThat(forward(map, "mail.corp.example", Type.A).upstreams().label()).isEqualTo("ns-corp");
    }

    @Test
    void decideWhenNoRuleTakesTheNameThenPrimaryGroupsInOrderElseSystemElseServfail() {
        NetworkMap primaries = map(List.of(), List.of(primary("ns-2", "198.18.0.2"), primary("ns-1", "198.18.0.1")),
                List.of(), List.of());
        assertThat(forward(primaries, "www.example.org", Type.A).upstreams().servers())
                .containsExactly(server("198.18.0.1"), server("198.18.0.2"));

        assertThat(forward(MESH, "www.example.org", Type.A).upstreams().servers()).isEqualTo(SYSTEM);

        DnsTable alone = DnsTables.of(MESH, TestDns.SELF, List.of());
        assertThat(DnsAnswers.decide(alone, name("www.example.org"), Type.A))
                .isEqualTo(DnsDecision.Answer.failure());
    }

    @Test
    void decideWhenTheEmptyTableThenServfailNotAnException() {
        assertThat(DnsAnswers.decide(DnsTable.EMPTY, name("b.netloom.internal"), Type.A))
                .isEqualTo(DnsDecision.Answer.failure());
    }

    private static NetworkMap zoneMap(DnsRecord... records) {
        return map(List.of(), List.of(), List.of(zone("lab.example")), List.of(records));
    }

    /** c0 -> c1 -> ... -> c{length} (an A record): {@code length} CNAMEs. */
    private static NetworkMap chain(int length) {
        List<DnsRecord> records = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            records.add(record("lab.example", "c" + i + ".lab.example", "CNAME", "c" + (i + 1) + ".lab.example"));
        }
        records.add(record("lab.example", "c" + length + ".lab.example", "A", "198.18.3.9"));
        return zoneMap(records.toArray(DnsRecord[]::new));
    }

    private static DnsDecision decide(NetworkMap map, String name, int type) {
        return DnsAnswers.decide(DnsTables.of(map, TestDns.SELF, SYSTEM), name(name), type);
    }

    private static DnsDecision.Answer answer(NetworkMap map, String name, int type) {
        DnsDecision decision = decide(map, name, type);
        assertThat(decision).isInstanceOf(DnsDecision.Answer.class);
        return (DnsDecision.Answer) decision;
    }

    private static DnsDecision.Forward forward(NetworkMap map, String name, int type) {
        DnsDecision decision = decide(map, name, type);
        assertThat(decision).isInstanceOf(DnsDecision.Forward.class);
        return (DnsDecision.Forward) decision;
    }

    private static List<String> addresses(DnsDecision.Answer answer) {
        return answer.answers().stream().filter(ARecord.class::isInstance)
                .map(record -> ((ARecord) record).getAddress().getHostAddress()).toList();
    }

    @Test
    void decideWhenExtraLabelOfAPeerInTheMapThenItsAddressAndOfAPeerOutsideItNxdomain() {
        NetworkMap map = map(List.of(peer("b", 2, "stage-db")), List.of(), List.of(), List.of());

        assertThat(addresses(answer(map, "stage-db.netloom.internal", Type.A))).containsExactly("100.64.0.2");
        assertThat(addresses(answer(map, "b.netloom.internal", Type.A))).containsExactly("100.64.0.2");
        assertThat(answer(MESH, "stage-db.netloom.internal", Type.A).rcode())
                .as("the peer carrying it is not in this peer's map").isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void decideWhenNameSharedByPeersOrAnotherPeersLabelThenEveryAddressInAddressOrder() {
        NetworkMap map = map(List.of(peer("z", 12, "db", "b"), peer("b", 2, "db", "b"), peer("c", 3, "db")),
                List.of(), List.of(), List.of());

        assertThat(addresses(answer(map, "db.netloom.internal", Type.A)))
                .containsExactly("100.64.0.2", "100.64.0.3", "100.64.0.12");
        assertThat(addresses(answer(map, "b.netloom.internal", Type.A)))
                .as("b's own label, and z's extra label, each address once")
                .containsExactly("100.64.0.2", "100.64.0.12");
    }

    @Test
    void decideWhenOwnExtraLabelThenOwnAddress() {
        NetworkMap map = new NetworkMap(1, new io.netloom.daemon.map.MapConfig("100.64.0.1/10",
                "self.netloom.internal", "netloom.internal", true, List.of("gw.netloom.internal")), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

        assertThat(addresses(answer(map, "gw.netloom.internal", Type.A))).containsExactly("100.64.0.1");
    }

    @Test
    void decideWhenReverseNameOfAPeerInTheMapOrOfThisPeerThenItsFqdnAuthoritatively() {
        DnsDecision.Answer remote = answer(MESH, "2.0.64.100.in-addr.arpa", Type.PTR);
        DnsDecision.Answer self = answer(MESH, "1.0.64.100.in-addr.arpa.", Type.PTR);

        assertThat(remote.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(remote.authoritative()).isTrue();
        assertThat(pointers(remote)).containsExactly("b.netloom.internal.");
        assertThat(remote.answers().get(0).getTTL()).isEqualTo(DnsTables.MESH_TTL);
        assertThat(pointers(self)).containsExactly("self.netloom.internal.");
    }

    @Test
    void decideWhenReverseNameOfAnOverlayAddressOutsideTheMapThenNxdomainInTheOverlaysReverseZone() {
        DnsDecision.Answer answer = answer(MESH, "9.0.64.100.in-addr.arpa", Type.PTR);

        assertThat(answer.rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(answer.authority()).singleElement().isInstanceOfSatisfying(SOARecord.class,
                soa -> assertThat(soa.getName()).isEqualTo(name("100.in-addr.arpa")));
        assertThat(answer(MESH, "2.0.127.100.in-addr.arpa", Type.PTR).rcode())
                .as("100.127.0.2 is in 100.64.0.0/10 too").isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void decideWhenReverseNameOfAPeerAskedForAnotherTypeThenNoData() {
        DnsDecision.Answer answer = answer(MESH, "2.0.64.100.in-addr.arpa", Type.A);

        assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answer.answers()).isEmpty();
        assertThat(answer.authority()).hasSize(1);
    }

    @Test
    void decideWhenReverseNameOutsideTheOverlayOrNoAddressThenForwardedAsBefore() {
        assertThat(forward(MESH, "10.1.18.198.in-addr.arpa", Type.PTR).upstreams().servers()).isEqualTo(SYSTEM);
        assertThat(forward(MESH, "2.0.128.100.in-addr.arpa", Type.PTR).upstreams().servers())
                .as("100.128.0.2 lies outside 100.64.0.0/10").isEqualTo(SYSTEM);
        assertThat(forward(MESH, "64.100.in-addr.arpa", Type.PTR).upstreams().servers()).isEqualTo(SYSTEM);
        assertThat(forward(MESH, "02.0.64.100.in-addr.arpa", Type.PTR).upstreams().servers()).isEqualTo(SYSTEM);
    }

    private static List<String> pointers(DnsDecision.Answer answer) {
        return answer.answers().stream().filter(PTRRecord.class::isInstance)
                .map(record -> ((PTRRecord) record).getTarget().toString()).toList();
    }
}
