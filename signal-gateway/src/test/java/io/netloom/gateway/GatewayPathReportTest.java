package io.netloom.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.gateway.protocol.PathReport;
import io.netloom.gateway.protocol.PathReport.ConnectionType;
import io.netloom.gateway.protocol.PathReport.Path;
import io.netloom.gateway.protocol.PathReport.RelayTransport;
import io.netloom.gateway.protocol.Wire;
import io.netloom.gateway.protocol.X25519Keys;
import io.netloom.projections.networkmap.PeerNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Paths reported by a daemon (docs/protocol.md §2c): kept with its session, only towards peers in its map. */
class GatewayPathReportTest extends GatewayTestBase {

    private static final Path TO_B = new Path("b", ConnectionType.P2P, "srflx", "srflx", "203.0.113.7:51820", null, 2.5);
    private static final Path TO_C = new Path("c", ConnectionType.RELAYED, "relay", "host", "203.0.113.1:49152",
            RelayTransport.TCP, null);

    @Test
    void welcomeWhenSignedInThenNamesThePathsFeature() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.defaults());
        TestClient a = fixture.client("a").open();

        a.send(a.signInFor(a.challenge()));

        assertThat(a.next().get("features")).containsExactly(Wire.JSON.getNodeFactory().textNode(PathReport.FEATURE));
    }

    @Test
    void pathsWhenReportedThenKeptForTheSessionAndReplacedByTheNextReport() {
        TestClient a = aConnectedBesideBAndC();
        assertThat(fixture.reportedPaths("a")).isEmpty();

        report(a, List.of(TO_B, TO_C));
        assertThat(fixture.reportedPaths("a")).get().extracting(ReportedPaths::paths).asList()
                .containsExactly(TO_B, TO_C);

        report(a, List.of(TO_C));
        assertThat(fixture.reportedPaths("a")).get().extracting(ReportedPaths::paths).asList().containsExactly(TO_C);
        assertThat(fixture.reportedPaths("b")).as("b reported nothing").isEmpty();
    }

    @Test
    void pathsWhenReportedThenListenerToldOnlyOfChanges() {
        TestClient a = aConnectedBesideBAndC();

        report(a, List.of(TO_B, TO_C));
        report(a, List.of(TO_B, TO_C));
        assertThat(fixture.pathChanges).as("the same report again changes nothing").containsExactly(new PeerId("a"));

        report(a, List.of(TO_C));
        assertThat(fixture.pathChanges).containsExactly(new PeerId("a"), new PeerId("a"));
    }

    @Test
    void pathsWhenNamingPeersOutsideTheMapThenThoseEntriesDropped() {
        fixture.peer("a", true);
        fixture.peer("b", true);
        fixture.peer("outsider", false);
        AccountId other = new AccountId("account-2");
        fixture.maps.createAccount(other, Ipv4Network.DEFAULT, "other.internal");
        fixture.maps.change(other, network -> network.addGroup(new GroupId("all"), true));
        fixture.maps.change(other, network -> network.addPeer(new PeerNode(new PeerId("foreign"),
                X25519Keys.generate().publicKeyBase64(), "100.64.0.2", "foreign", null, true, false)));
        fixture.start(TestConfigs.defaults());
        TestClient a = fixture.connected("a");

        report(a, List.of(TO_B, onPath("outsider"), onPath("foreign"), onPath("nobody"), onPath("a")));

        assertThat(fixture.reportedPaths("a")).get().extracting(ReportedPaths::paths).asList().containsExactly(TO_B);
        assertThat(fixture.connectedPeers()).as("the session goes on").isEqualTo(1);
    }

    @Test
    void reportedPathsWhenThePeerNoLongerReachesOneThenItIsNotShown() {
        TestClient a = aConnectedBesideBAndC();
        report(a, List.of(TO_B, TO_C));

        fixture.maps.change(GatewayFixture.ACCOUNT, network -> network.removeFromGroup(GatewayFixture.MESH,
                Set.of(new PeerId("c"))));

        assertThat(fixture.reportedPaths("a")).get().extracting(ReportedPaths::paths).asList().containsExactly(TO_B);
    }

    @Test
    void pathsWhenMalformedThenInvalidPathsAndClosed() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.defaults());
        for (String malformed : List.of("{\"type\":\"paths\"}", "{\"type\":\"paths\",\"paths\":[{\"peer\":5}]}",
                PathReport.encode(List.of(TO_B)).replace("\"p2p\"", "\"relayed\""),
                PathReport.encode(List.of(TO_B)).replace("203.0.113.7:51820", "203.0.113.7:99999"))) {
            TestClient a = fixture.connected("a");

            a.send(malformed);

            assertErrorThenClose(a, "invalid_paths", CloseCodes.PROTOCOL_VIOLATION);
        }
    }

    @Test
    void pathsWhenMoreEntriesThanTheLimitThenInvalidPathsAndClosed() {
        fixture.peer("a", true);
        fixture.start(TestConfigs.defaults());
        TestClient a = fixture.connected("a");
        List<String> entries = new ArrayList<>();
        for (int i = 0; i <= PathReport.MAX_PATHS; i++) {
            entries.add(PathReport.encode(List.of(onPath("p" + i))).replaceAll("^.*\\[|\\]}$", ""));
        }

        a.send("{\"type\":\"paths\",\"paths\":[" + String.join(",", entries) + "]}");

        assertErrorThenClose(a, "invalid_paths", CloseCodes.PROTOCOL_VIOLATION);
    }

    @Test
    void reportedPathsWhenTheSessionEndsThenGone() throws InterruptedException {
        fixture.peer("a", true);
        fixture.peer("b", true);
        fixture.start(TestConfigs.defaults());
        TestClient a = fixture.connected("a");
        report(a, List.of(TO_B));

        a.close();

        long deadline = System.nanoTime() + TestClient.PATIENCE.toNanos();
        while (fixture.connectedPeers() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(fixture.reportedPaths("a")).isEmpty();
        TestClient again = fixture.connected("a");
        assertThat(fixture.reportedPaths("a")).as("a new session starts without a report").isEmpty();
        again.close();
    }

    /** Peers a, b and c in one mesh, with a connected. */
    private TestClient aConnectedBesideBAndC() {
        fixture.peer("a", true);
        fixture.peer("b", true);
        fixture.peer("c", true);
        fixture.start(TestConfigs.defaults());
        return fixture.connected("a");
    }

    private static Path onPath(String peer) {
        return new Path(peer, ConnectionType.P2P, "host", "host", "198.18.0.9:51820", null, null);
    }

    /** Sends the report, then a resync: once the map answers it, the report before it has been taken. */
    private static void report(TestClient client, List<Path> paths) {
        client.send(PathReport.encode(paths));
        client.send(Wire.resync());
        client.nextOfType("map");
    }
}
