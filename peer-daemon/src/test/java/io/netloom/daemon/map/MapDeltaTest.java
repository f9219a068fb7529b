package io.netloom.daemon.map;

import static io.netloom.daemon.map.TestMaps.map;
import static io.netloom.daemon.map.TestMaps.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.daemon.DaemonJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class MapDeltaTest {

    private final RemotePeer laptop = peer("laptop", 2);
    private final RemotePeer server = peer("server", 3);
    private final InboundRule ssh = new InboundRule("100.64.0.2/32", "tcp", List.of("22"));
    private final InboundRule all = new InboundRule("100.64.0.3/32", "all", List.of());

    @Test
    void applyToWhenSerialMatchesThenPeersAndRulesChangedAndSerialTaken() {
        NetworkMap before = map(4, List.of(laptop), List.of(ssh));
        RemotePeer laptopOffline = new RemotePeer("laptop", laptop.publicKey(), laptop.allowedIp(), laptop.fqdn(), false);
        MapDelta delta = new MapDelta(4, 6, null, List.of(server, laptopOffline), List.of(), List.of(all), List.of(ssh));

        NetworkMap after = delta.applyTo(before);

        assertThat(after.serial()).isEqualTo(6);
        assertThat(after.remotePeers()).containsExactly(laptopOffline, server);
        assertThat(after.inboundRules()).containsExactly(all);
        assertThat(after.config()).isEqualTo(before.config());
    }

    @Test
    void applyToWhenPeerRemovedThenGoneFromMap() {
        NetworkMap before = map(1, List.of(laptop, server), List.of());

        NetworkMap after = new MapDelta(1, 2, null, List.of(), List.of("laptop"), List.of(), List.of()).applyTo(before);

        assertThat(after.remotePeers()).containsExactly(server);
    }

    @Test
    void appliesToWhenSerialDiffersThenFalseAndApplyRefused() {
        NetworkMap held = map(7, List.of(), List.of());
        MapDelta fromElsewhere = new MapDelta(5, 8, null, List.of(), List.of(), List.of(), List.of());

        assertThat(fromElsewhere.appliesTo(held)).isFalse();
        assertThatThrownBy(() -> fromElsewhere.applyTo(held)).hasMessageContaining("does not apply");
    }

    @Test
    void readWhenGatewayJsonThenAllFieldsParsed() throws Exception {
        String json = "{\"base_serial\":3,\"serial\":4,\"config\":null,\"upserted_peers\":[{\"id\":\"p\","
                + "\"public_key\":\"" + laptop.publicKey() + "\",\"allowed_ip\":\"100.64.0.2/32\",\"fqdn\":\"p.n\","
                + "\"connected\":true}],\"removed_peers\":[\"q\"],\"added_rules\":[{\"source\":\"100.64.0.2/32\","
                + "\"protocol\":\"tcp\",\"ports\":[\"8080\"]}],\"removed_rules\":[],\"future_field\":1}";

        MapDelta delta = DaemonJson.MAPPER.readValue(json, MapDelta.class);

        assertThat(delta.baseSerial()).isEqualTo(3);
        assertThat(delta.upsertedPeers()).singleElement().extracting(RemotePeer::connected).isEqualTo(true);
        assertThat(delta.removedPeers()).containsExactly("q");
        assertThat(delta.addedRules()).containsExactly(new InboundRule("100.64.0.2/32", "tcp", List.of("8080")));
    }
}
