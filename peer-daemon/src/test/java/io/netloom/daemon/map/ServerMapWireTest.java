package io.netloom.daemon.map;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.DaemonJson;
import io.netloom.gateway.protocol.Wire;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The routes and DNS sections as the server writes them (the projections' records through the signer's {@link Wire#JSON})
 * read back by the daemon's records: the two sides of docs/protocol.md §2b and §2d must not drift apart.
 */
class ServerMapWireTest {

    private static final io.netloom.projections.networkmap.PeerConfig SERVER_CONFIG =
            new io.netloom.projections.networkmap.PeerConfig("100.64.0.1/10", "c.netloom.internal", "netloom.internal");
    private static final io.netloom.projections.networkmap.RouteEntry SERVER_ROUTE =
            new io.netloom.projections.networkmap.RouteEntry("route-1", "office", "198.18.1.0/24", "r1", 100, true);
    private static final io.netloom.projections.networkmap.ServedRoute SERVER_SERVED =
            new io.netloom.projections.networkmap.ServedRoute("route-1", "office", "198.18.1.0/24", true);
    private static final io.netloom.projections.networkmap.ForwardRule SERVER_FORWARD =
            new io.netloom.projections.networkmap.ForwardRule("100.64.0.7/32", "198.18.1.0/24", "tcp", List.of("80"));

    private static final io.netloom.projections.networkmap.NameserverGroupEntry SERVER_GROUP =
            new io.netloom.projections.networkmap.NameserverGroupEntry("ns-1", "office DNS",
                    List.of(new io.netloom.domain.dns.Nameserver("198.18.0.53", 5353)), false, List.of("corp.example"),
                    true);
    private static final io.netloom.projections.networkmap.DnsZoneEntry SERVER_ZONE =
            new io.netloom.projections.networkmap.DnsZoneEntry("lab.example", true);
    private static final io.netloom.projections.networkmap.DnsRecordEntry SERVER_RECORD =
            new io.netloom.projections.networkmap.DnsRecordEntry("lab.example", "*.lab.example", "CNAME",
                    "printer.lab.example", 60);

    private static final NameserverGroup GROUP = new NameserverGroup("ns-1", "office DNS",
            List.of(new Nameserver("198.18.0.53", 5353)), false, List.of("corp.example"), true);
    private static final DnsZone ZONE = new DnsZone("lab.example", true);
    private static final DnsRecord RECORD = new DnsRecord("lab.example", "*.lab.example", "CNAME",
            "printer.lab.example", 60);
    private static final RouteEntry ROUTE = new RouteEntry("route-1", "office", "198.18.1.0/24", "r1", 100, true);
    private static final ServedRoute SERVED = new ServedRoute("route-1", "office", "198.18.1.0/24", true);
    private static final ForwardRule FORWARD = new ForwardRule("100.64.0.7/32", "198.18.1.0/24", "tcp", List.of("80"));

    @Test
    void parseWhenServerMapHasRoutesSectionsThenDaemonReadsEveryEntry() throws Exception {
        String json = Wire.JSON.writeValueAsString(new io.netloom.projections.networkmap.NetworkMap(7, SERVER_CONFIG,
                List.of(), List.of(), List.of(SERVER_ROUTE), List.of(SERVER_SERVED), List.of(SERVER_FORWARD)));

        NetworkMap map = DaemonJson.MAPPER.readValue(json, NetworkMap.class);

        assertThat(map.serial()).isEqualTo(7);
        assertThat(map.routes()).containsExactly(ROUTE);
        assertThat(map.servedRoutes()).containsExactly(SERVED);
        assertThat(map.forwardRules()).containsExactly(FORWARD);
    }

    @Test
    void parseWhenServerMapHasDnsSectionsThenDaemonReadsEveryEntryAndTheManagementFlag() throws Exception {
        String json = Wire.JSON.writeValueAsString(new io.netloom.projections.networkmap.NetworkMap(7,
                new io.netloom.projections.networkmap.PeerConfig("100.64.0.1/10", "c.netloom.internal",
                        "netloom.internal", false, List.of()), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(SERVER_GROUP), List.of(SERVER_ZONE), List.of(SERVER_RECORD)));

        NetworkMap map = DaemonJson.MAPPER.readValue(json, NetworkMap.class);

        assertThat(map.config().dnsManaged()).isFalse();
        assertThat(map.nameserverGroups()).containsExactly(GROUP);
        assertThat(map.dnsZones()).containsExactly(ZONE);
        assertThat(map.dnsRecords()).containsExactly(RECORD);
    }

    @Test
    void parseWhenServerDeltaChangesDnsSectionsThenDaemonAppliesThem() throws Exception {
        String json = Wire.JSON.writeValueAsString(new io.netloom.projections.networkmap.MapDelta(7, 8, null, List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(SERVER_GROUP), List.of(SERVER_ZONE), List.of(), List.of(SERVER_RECORD),
                List.of()));
        NetworkMap held = new NetworkMap(7, new MapConfig("100.64.0.1/10", "c.netloom.internal", "netloom.internal"),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(GROUP), List.of(), List.of());

        NetworkMap after = DaemonJson.MAPPER.readValue(json, MapDelta.class).applyTo(held);

        assertThat(after.nameserverGroups()).isEmpty();
        assertThat(after.dnsZones()).containsExactly(ZONE);
        assertThat(after.dnsRecords()).containsExactly(RECORD);
        assertThat(after.config().dnsManaged()).as("absent from a server that predates it").isTrue();
    }

    @Test
    void parseWhenServerDeltaChangesRoutesSectionsThenDaemonAppliesThem() throws Exception {
        String json = Wire.JSON.writeValueAsString(new io.netloom.projections.networkmap.MapDelta(7, 8, null, List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(SERVER_ROUTE), List.of(), List.of(SERVER_SERVED),
                List.of(), List.of(SERVER_FORWARD)));
        NetworkMap held = new NetworkMap(7, new MapConfig("100.64.0.1/10", "c.netloom.internal", "netloom.internal"),
                List.of(), List.of(), List.of(ROUTE), List.of(SERVED), List.of(FORWARD));

        NetworkMap after = DaemonJson.MAPPER.readValue(json, MapDelta.class).applyTo(held);

        assertThat(after.serial()).isEqualTo(8);
        assertThat(after.routes()).isEmpty();
        assertThat(after.servedRoutes()).isEmpty();
        assertThat(after.forwardRules()).isEmpty();
    }

    @Test
    void parseWhenServerMapNamesExtraLabelsThenDaemonReadsThemForItselfAndItsRemotes() throws Exception {
        String json = Wire.JSON.writeValueAsString(new io.netloom.projections.networkmap.NetworkMap(9,
                new io.netloom.projections.networkmap.PeerConfig("100.64.0.1/10", "c.netloom.internal",
                        "netloom.internal", true, List.of("db.netloom.internal")),
                List.of(new io.netloom.projections.networkmap.RemotePeer("p2", "key-2", "100.64.0.2/32",
                        "b.netloom.internal", true, List.of("web.netloom.internal"))),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));

        NetworkMap map = DaemonJson.MAPPER.readValue(json, NetworkMap.class);

        assertThat(map.config().extraFqdns()).containsExactly("db.netloom.internal");
        assertThat(map.remotePeers()).singleElement().extracting(RemotePeer::extraFqdns)
                .isEqualTo(List.of("web.netloom.internal"));
    }
}
