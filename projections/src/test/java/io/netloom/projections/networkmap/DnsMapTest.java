package io.netloom.projections.networkmap;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.dns.DnsRecordDefinition;
import io.netloom.domain.dns.DnsRecordType;
import io.netloom.domain.dns.DnsZoneDefinition;
import io.netloom.domain.dns.Nameserver;
import io.netloom.domain.dns.NameserverGroupDefinition;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyRuleId;
import io.netloom.domain.policy.PolicyRule;
import io.netloom.domain.policy.Protocol;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DNS sections of docs/protocol.md §2d, built from events through the projection; every test also checks that
 * the incremental maps equal the calculator's and that the published deltas rebuild them. Peers: a and b
 * (100.64.0.1 and .2, office), l (100.64.0.3, lab), each owned by its own user; a policy lets the office reach
 * the office.
 */
class DnsMapTest {

    private static final NameserverGroupEntry OFFICE_NS = new NameserverGroupEntry("ns-office", "office DNS",
            List.of(new Nameserver("198.18.0.53", 53)), false, List.of("corp.example"), true);

    private final TestNetwork network = new TestNetwork();

    @BeforeEach
    void topology() {
        for (String peer : List.of("a", "b", "l")) {
            network.enroll(peer, "owner-" + peer, true);
        }
        network.createGroup("office");
        network.createGroup("lab");
        network.addToGroup("office", "a", "b");
        network.addToGroup("lab", "l");
        network.createPolicy("office", true, List.of(new PolicyRule(new PolicyRuleId("office"), "office", "", true,
                true, Protocol.ALL, List.of(), Set.of(groupId("office")), Set.of(groupId("office")))));
    }

    @Test
    void mapsWhenNoDnsConfiguredThenManagedAndNoSectionsAndPeerNamesInRemotePeers() {
        NetworkMap a = network.mapOf("a");

        assertThat(a.config().dnsManagement()).isTrue();
        assertThat(a.nameserverGroups()).isEmpty();
        assertThat(a.dnsZones()).isEmpty();
        assertThat(a.dnsRecords()).isEmpty();
        assertThat(a.config().fqdn()).isEqualTo("a.netloom.internal");
        assertThat(a.remotePeers()).extracting(RemotePeer::fqdn, RemotePeer::allowedIp)
                .as("the peers a may reach, by name: what its resolver answers for the account's domain")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("b.netloom.internal", "100.64.0.2/32"));
        assertThat(network.mapOf("l").remotePeers()).as("l reaches nobody, so resolves no peer name").isEmpty();
        assertAgreesWithCalculator();
    }

    @Test
    void nameserverGroupWhenPeerInOneOfItsGroupsThenReceivedElseNot() {
        network.createNameserverGroup("ns-office", matchDomains("office"));

        assertThat(network.mapOf("a").nameserverGroups()).containsExactly(OFFICE_NS);
        assertThat(network.mapOf("b").nameserverGroups()).containsExactly(OFFICE_NS);
        assertThat(network.mapOf("l").nameserverGroups()).isEmpty();
        assertAgreesWithCalculator();
    }

    @Test
    void nameserverGroupWhenDisabledOrDeletedThenRemovedWithADelta() {
        network.createNameserverGroup("ns-office", matchDomains("office"));
        long serial = network.mapOf("a").serial();
        long labSerial = network.mapOf("l").serial();

        network.updateNameserverGroup("ns-office", withEnabled(matchDomains("office"), false));

        assertThat(network.mapOf("a").nameserverGroups()).isEmpty();
        assertThat(network.mapOf("a").serial()).isEqualTo(serial + 1);
        MapDelta last = lastDeltaOf("a");
        assertThat(last.removedNameserverGroups()).containsExactly(OFFICE_NS);
        assertThat(last.addedNameserverGroups()).isEmpty();
        assertThat(last.config()).as("the configuration did not change").isNull();
        assertThat(network.mapOf("l").serial()).as("nothing changed for l").isEqualTo(labSerial);

        network.updateNameserverGroup("ns-office", matchDomains("office"));
        network.deleteNameserverGroup("ns-office");
        assertThat(network.mapOf("b").nameserverGroups()).isEmpty();
        assertAgreesWithCalculator();
    }

    @Test
    void nameserverGroupWhenPeerJoinsOrLeavesItsGroupThenOnlyThatPeerChanges() {
        network.createNameserverGroup("ns-office", matchDomains("office"));
        long bSerial = network.mapOf("b").serial();

        network.addToGroup("office", "l");
        assertThat(network.mapOf("l").nameserverGroups()).containsExactly(OFFICE_NS);

        network.removeFromGroup("office", "a");
        assertThat(network.mapOf("a").nameserverGroups()).isEmpty();
        assertThat(network.mapOf("b").nameserverGroups()).containsExactly(OFFICE_NS);
        assertAgreesWithCalculator();
        assertThat(bSerial).isLessThan(network.mapOf("b").serial()).as("b's remotes changed, so its serial moved");
    }

    @Test
    void nameserverGroupWhenItNamesThePeersOwnAddressThenThatPeerDoesNotReceiveIt() {
        network.createNameserverGroup("ns-a", new NameserverGroupDefinition("a serves DNS", "",
                List.of(new Nameserver("100.64.0.1", 53)), true, Set.of(groupId("office")), true, List.of(), false));

        assertThat(network.mapOf("a").nameserverGroups()).as("a would ask itself").isEmpty();
        assertThat(network.mapOf("b").nameserverGroups()).extracting(NameserverGroupEntry::id).containsExactly("ns-a");

        network.moveAddress("a", "100.64.0.9");
        assertThat(network.mapOf("a").nameserverGroups()).as("a moved away from that address")
                .extracting(NameserverGroupEntry::id).containsExactly("ns-a");
        assertAgreesWithCalculator();
    }

    @Test
    void disabledManagementGroupsWhenPeerInOneThenConfigSaysSoAndItStillGetsItsSections() {
        network.createNameserverGroup("ns-office", matchDomains("office"));
        long lSerial = network.mapOf("l").serial();

        network.disableDnsManagement("office");

        assertThat(network.mapOf("a").config().dnsManagement()).isFalse();
        assertThat(lastDeltaOf("a").config()).as("the changed configuration travels").isNotNull();
        assertThat(network.mapOf("a").nameserverGroups()).containsExactly(OFFICE_NS);
        assertThat(network.mapOf("l").config().dnsManagement()).isTrue();
        assertThat(network.mapOf("l").serial()).isEqualTo(lSerial);

        network.disableDnsManagement();
        assertThat(network.mapOf("a").config().dnsManagement()).isTrue();
        assertAgreesWithCalculator();
    }

    @Test
    void zoneWhenPeerInDistributionGroupThenZoneAndRecordsElseNot() {
        network.createZone("z", zone("Corp.Example", "office"));
        assertThat(network.mapOf("a").dnsZones()).as("a zone without records is not sent").isEmpty();

        network.createRecord("z", "r1", record("www.corp.example", DnsRecordType.A, "198.18.1.10"));
        network.createRecord("z", "r2", record("wiki.corp.example", DnsRecordType.CNAME, "www.corp.example"));

        assertThat(network.mapOf("a").dnsZones()).containsExactly(new DnsZoneEntry("corp.example", true));
        assertThat(network.mapOf("a").dnsRecords()).containsExactly(
                new DnsRecordEntry("corp.example", "wiki.corp.example", "CNAME", "www.corp.example", 300),
                new DnsRecordEntry("corp.example", "www.corp.example", "A", "198.18.1.10", 300));
        assertThat(network.mapOf("l").dnsZones()).isEmpty();
        assertThat(network.mapOf("l").dnsRecords()).isEmpty();
        MapDelta added = lastDeltaOf("a");
        assertThat(added.addedDnsRecords()).as("a new record travels alone")
                .containsExactly(new DnsRecordEntry("corp.example", "wiki.corp.example", "CNAME", "www.corp.example",
                        300));
        assertThat(added.addedDnsZones()).isEmpty();
        assertAgreesWithCalculator();
    }

    @Test
    void zoneWhenDisabledRedistributedOrDeletedThenPeersFollow() {
        network.createZone("z", zone("corp.example", "office"));
        DnsRecordDefinition www = record("www.corp.example", DnsRecordType.A, "198.18.1.10");
        network.createRecord("z", "r1", www);

        network.updateZone("z", new DnsZoneDefinition("office", "corp.example", false, true, Set.of(groupId("office"))));
        assertThat(network.mapOf("a").dnsRecords()).isEmpty();

        network.updateZone("z", zone("corp.example", "lab"));
        assertThat(network.mapOf("a").dnsZones()).isEmpty();
        assertThat(network.mapOf("l").dnsRecords()).hasSize(1);

        network.deleteRecord("z", "r1", www);
        network.deleteZone("z", zone("corp.example", "lab"));
        assertThat(network.mapOf("l").dnsZones()).isEmpty();
        assertAgreesWithCalculator();
    }

    @Test
    void sectionsWhenPeerStopsTakingPartThenItKeepsOnlyItsConfiguration() {
        network.createNameserverGroup("ns-office", matchDomains("office"));
        network.createZone("z", zone("corp.example", "office"));
        network.createRecord("z", "r1", record("www.corp.example", DnsRecordType.A, "198.18.1.10"));
        network.disableDnsManagement("office");

        network.blockUser("owner-a");
        NetworkMap blocked = network.mapOf("a");
        assertThat(blocked.nameserverGroups()).isEmpty();
        assertThat(blocked.dnsZones()).isEmpty();
        assertThat(blocked.dnsRecords()).isEmpty();
        assertThat(blocked.config().dnsManagement()).as("a setting of the device, not access").isFalse();

        network.unblockUser("owner-a");
        assertThat(network.mapOf("a").nameserverGroups()).containsExactly(OFFICE_NS);
        network.expireLogin("b");
        assertThat(network.mapOf("b").dnsRecords()).isEmpty();
        assertAgreesWithCalculator();
    }

    @Test
    void sectionsWhenGroupDeletedOrPeerEnrolledInItThenRecomputed() {
        network.createNameserverGroup("ns-lab", new NameserverGroupDefinition("lab DNS", "",
                List.of(new Nameserver("198.18.0.53", 53)), true, Set.of(groupId("lab")), true, List.of(), false));
        network.enroll("n", "owner-n", true);
        network.addToGroup("lab", "n");
        assertThat(network.mapOf("n").nameserverGroups()).extracting(NameserverGroupEntry::id).containsExactly("ns-lab");

        network.deleteGroup("lab");
        assertThat(network.mapOf("n").nameserverGroups()).isEmpty();
        assertThat(network.mapOf("l").nameserverGroups()).isEmpty();
        assertAgreesWithCalculator();
    }

    private MapDelta lastDeltaOf(String peer) {
        List<PeerMapUpdate> updates = network.updates();
        for (int i = updates.size() - 1; i >= 0; i--) {
            if (updates.get(i).peer().equals(new PeerId(peer))) {
                return updates.get(i).delta();
            }
        }
        throw new AssertionError("no delta for " + peer);
    }

    /** The incremental maps equal the calculator's, and the published deltas rebuild them. */
    @Test
    void extraLabelsWhenSetThenNamedInOwnConfigAndInTheMapsOfPeersThatReachItOnly() {
        long labSerial = network.mapOf("l").serial();

        network.setExtraDnsLabels("b", "Stage-DB", "web");

        assertThat(network.mapOf("b").config().extraFqdns())
                .containsExactly("stage-db.netloom.internal", "web.netloom.internal");
        assertThat(network.mapOf("a").remotePeers()).singleElement().extracting(RemotePeer::extraFqdns)
                .as("a may reach b, so a's resolver answers b's extra names too")
                .isEqualTo(List.of("stage-db.netloom.internal", "web.netloom.internal"));
        assertThat(network.mapOf("l").serial()).as("l reaches nobody: its map does not change").isEqualTo(labSerial);
        assertAgreesWithCalculator();
    }

    @Test
    void extraLabelsWhenClearedOrUnchangedThenDeltaOnlyForTheChange() {
        network.setExtraDnsLabels("b", "db");
        long serial = network.mapOf("a").serial();

        network.setExtraDnsLabels("b", "db");
        assertThat(network.mapOf("a").serial()).as("the same labels again change nothing").isEqualTo(serial);

        network.setExtraDnsLabels("b");
        assertThat(network.mapOf("a").serial()).isGreaterThan(serial);
        assertThat(network.mapOf("a").remotePeers()).singleElement().extracting(RemotePeer::extraFqdns)
                .isEqualTo(List.of());
        assertAgreesWithCalculator();
    }

    @Test
    void extraLabelsWhenSharedByPeersThenEachEntryNamesItAndNoneWins() {
        network.addToGroup("office", "l");
        network.setExtraDnsLabels("b", "db");
        network.setExtraDnsLabels("l", "db", "a");

        assertThat(network.mapOf("a").remotePeers()).extracting(RemotePeer::fqdn, RemotePeer::extraFqdns)
                .as("the resolver answers a shared name with every address that carries it (ADR 0046)")
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("b.netloom.internal", List.of("db.netloom.internal")),
                        org.assertj.core.groups.Tuple.tuple("l.netloom.internal",
                                List.of("a.netloom.internal", "db.netloom.internal")));
        assertAgreesWithCalculator();
    }

    private void assertAgreesWithCalculator() {
        Map<PeerId, NetworkMap> recomputed = NetworkMapCalculator.allMaps(network.snapshot());
        for (Map.Entry<PeerId, NetworkMap> entry : recomputed.entrySet()) {
            NetworkMap incremental = network.mapOf(entry.getKey().value());
            assertThat(incremental.withSerial(0)).as("map of %s", entry.getKey()).isEqualTo(entry.getValue());
            NetworkMap rebuilt = new NetworkMap(0, null, List.of(), List.of());
            for (PeerMapUpdate update : network.updates()) {
                if (update.peer().equals(entry.getKey())) {
                    rebuilt = update.delta().applyTo(rebuilt);
                }
            }
            assertThat(rebuilt).as("deltas rebuild map of %s", entry.getKey()).isEqualTo(incremental);
        }
    }

    private static NameserverGroupDefinition matchDomains(String group) {
        return new NameserverGroupDefinition("office DNS", "", List.of(new Nameserver("198.18.0.53", 53)), true,
                Set.of(groupId(group)), false, List.of("corp.example"), true);
    }

    private static NameserverGroupDefinition withEnabled(NameserverGroupDefinition group, boolean enabled) {
        return new NameserverGroupDefinition(group.name(), group.description(), group.nameservers(), enabled,
                group.groups(), group.primary(), group.domains(), group.searchDomainsEnabled());
    }

    private static DnsZoneDefinition zone(String domain, String group) {
        return new DnsZoneDefinition("office", domain, true, true, Set.of(groupId(group)));
    }

    private static DnsRecordDefinition record(String name, DnsRecordType type, String content) {
        return new DnsRecordDefinition(name, type, content, 300);
    }

    private static GroupId groupId(String name) {
        return TestNetwork.groupId(name);
    }
}
