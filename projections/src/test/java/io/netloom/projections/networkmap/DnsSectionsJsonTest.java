package io.netloom.projections.networkmap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netloom.domain.dns.Nameserver;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DNS sections' wire names, pinned as docs/protocol.md §2d spells them. */
class DnsSectionsJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writeWhenMapHasDnsSectionsThenProtocolNames() throws Exception {
        NetworkMap map = new NetworkMap(3, new PeerConfig("100.64.0.1/10", "c.netloom.internal", "netloom.internal",
                false, List.of()), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(new NameserverGroupEntry("ns-1", "office DNS", List.of(new Nameserver("198.18.0.53", 53)),
                        false, List.of("corp.example"), true)),
                List.of(new DnsZoneEntry("corp.example", false)),
                List.of(new DnsRecordEntry("corp.example", "www.corp.example", "A", "198.18.1.10", 300)));

        assertThat(JSON.writeValueAsString(map)).isEqualTo("{\"serial\":3,\"config\":{\"address\":\"100.64.0.1/10\","
                + "\"fqdn\":\"c.netloom.internal\",\"dns_domain\":\"netloom.internal\",\"dns_management\":false},"
                + "\"remote_peers\":[],\"inbound_rules\":[],\"routes\":[],\"served_routes\":[],\"forward_rules\":[],"
                + "\"nameserver_groups\":[{\"id\":\"ns-1\",\"name\":\"office DNS\",\"nameservers\":[{\"ip\":"
                + "\"198.18.0.53\",\"port\":53}],\"primary\":false,\"domains\":[\"corp.example\"],"
                + "\"search_domains\":true}],\"dns_zones\":[{\"domain\":\"corp.example\",\"search_domain\":false}],"
                + "\"dns_records\":[{\"zone\":\"corp.example\",\"name\":\"www.corp.example\",\"type\":\"A\","
                + "\"content\":\"198.18.1.10\",\"ttl\":300}]}");
    }

    @Test
    void writeWhenDeltaThenAddedAndRemovedDnsSectionsNamedAsProtocol() throws Exception {
        String json = JSON.writeValueAsString(new MapDelta(1, 2, null, List.of(), List.of(), List.of(), List.of()));

        assertThat(JSON.readTree(json).fieldNames()).toIterable().contains("added_nameserver_groups",
                "removed_nameserver_groups", "added_dns_zones", "removed_dns_zones", "added_dns_records",
                "removed_dns_records");
    }

    @Test
    void writeWhenPeersHaveExtraLabelsThenExtraFqdnsNamedAsProtocolAndLeftOutWhenNone() throws Exception {
        NetworkMap map = new NetworkMap(4, new PeerConfig("100.64.0.1/10", "c.netloom.internal", "netloom.internal",
                true, List.of("stage-db.netloom.internal")),
                List.of(new RemotePeer("p2", "key-2", "100.64.0.2/32", "b.netloom.internal", true,
                                List.of("db.netloom.internal", "web.netloom.internal")),
                        new RemotePeer("p3", "key-3", "100.64.0.3/32", "d.netloom.internal", false)),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

        String json = JSON.writeValueAsString(map);

        assertThat(json).contains("\"dns_management\":true,\"extra_fqdns\":[\"stage-db.netloom.internal\"]}")
                .contains("\"fqdn\":\"b.netloom.internal\",\"connected\":true,\"extra_fqdns\":"
                        + "[\"db.netloom.internal\",\"web.netloom.internal\"]}")
                .contains("\"fqdn\":\"d.netloom.internal\",\"connected\":false}");
    }
}
