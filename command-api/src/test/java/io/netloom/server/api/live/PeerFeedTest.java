package io.netloom.server.api.live;

import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createPolicy;
import static io.netloom.server.testing.TestData.group;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.peerUpdate;
import static io.netloom.server.testing.TestData.regularUser;
import static io.netloom.server.testing.TestData.userUpdate;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.peer.DnsLabel;
import io.netloom.domain.peer.EnrollPeerCommand;
import io.netloom.domain.peer.ExtraDnsLabels;
import io.netloom.domain.peer.PeerMetadata;
import io.netloom.domain.peer.WireguardPublicKey;
import io.netloom.gateway.client.GatewayClient;
import io.netloom.gateway.protocol.PathReport;
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import io.netloom.server.testing.MapCapturingDevice;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The console's live feed of peers over real HTTP, fed by the API's changes and real gateway sessions. */
class PeerFeedTest extends ServerTest {

    private static final String LIVE = "/api/netloom/peers/live";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    private Commands commands;

    @Autowired
    private PeerFeed feed;

    private final Vertx vertx = Vertx.vertx();
    private final GatewayClient gateway = new GatewayClient(vertx, 8);
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void liveWhenPeersOfTheAccountEnrollConnectAndAreRenamedThenSeenAndNothingOfAnotherAccount() throws Exception {
        NetloomApi.Client owner = accounts.newAccount();
        NetloomApi.Client stranger = accounts.newAccount();
        EventStream stream = open(owner);
        stream.await("ready", data -> data.isEmpty());

        MapCapturingDevice laptop = device(owner, "laptop");
        stream.await("peer", data -> laptop.peerId.equals(id(data)) && data.get("name").asString().equals("laptop"));
        MapCapturingDevice foreign = device(stranger, "foreign");
        ok(stranger.put("/api/peers/{peerId}", peerUpdate("foreign-renamed"), foreign.peerId));
        foreign.connect(gateway);
        laptop.connect(gateway);
        stream.await("peer", data -> laptop.peerId.equals(id(data)) && data.get("connected").asBoolean());
        ok(owner.put("/api/peers/{peerId}", peerUpdate("laptop-renamed"), laptop.peerId));
        JsonNode renamed = stream.await("peer", data -> laptop.peerId.equals(id(data))
                && data.get("name").asString().equals("laptop-renamed")).data();

        assertThat(ok(owner.get("/api/netloom/openapi")).body().get("paths").has(LIVE)).isTrue();
        assertThat(renamed).as("what GET /api/peers/{id} answers")
                .isEqualTo(ok(owner.get("/api/peers/{peerId}", laptop.peerId)).body());
        assertThat(stream.seen()).noneMatch(event -> event.data().toString().contains(foreign.peerId));
    }

    @Test
    void liveWhenOneChangeRecordsSeveralEventsOfAPeerThenSentOnce() throws Exception {
        NetloomApi.Client owner = accounts.newAccount();
        MapCapturingDevice laptop = device(owner, "laptop");
        EventStream stream = open(owner);
        stream.await("ready", data -> true);

        Map<String, Object> everything = new HashMap<>(peerUpdate("laptop-2"));
        everything.put("ssh_enabled", true);
        everything.put("ip", "100.64.250.9");
        ok(owner.put("/api/peers/{peerId}", everything, laptop.peerId));
        stream.await("peer", data -> data.get("ip").asString().equals("100.64.250.9"));
        ok(owner.put("/api/peers/{peerId}", peerUpdate("laptop-3"), laptop.peerId));
        stream.await("peer", data -> data.get("name").asString().equals("laptop-3"));

        List<JsonNode> sent = stream.seen().stream().filter(event -> event.name().equals("peer"))
                .map(EventStream.Event::data).toList();
        assertThat(sent).as("renamed, set and moved at once: one event, then the next change's").hasSize(2);
        assertThat(sent.get(0).get("name").asString()).isEqualTo("laptop-2");
        assertThat(sent.get(0).get("ssh_enabled").asBoolean()).isTrue();
        assertThat(sent.get(0).get("ip").asString()).isEqualTo("100.64.250.9");
    }

    @Test
    void liveWhenAPeersGroupIsJoinedRenamedOrItsOwnerBlockedThenPeerSent() throws Exception {
        NetloomApi.Client owner = accounts.newAccount();
        AccountId account = new AccountId(ok(owner.get("/api/accounts")).body().get(0).get("id").asString());
        String userId = ok(owner.post("/api/users", regularUser("owner-" + System.nanoTime() + "@example.org",
                "user"))).text("id");
        PeerId phone = enrollAs(account, new UserId(userId), "phone");
        EventStream stream = open(owner);
        stream.await("ready", data -> true);

        String team = createGroup(owner, "team", phone.value());
        stream.await("peer", data -> phone.value().equals(id(data)) && groupNames(data).contains("team"));
        ok(owner.put("/api/groups/{groupId}", group("team-renamed", List.of(phone.value())), team));
        stream.await("peer", data -> phone.value().equals(id(data)) && groupNames(data).contains("team-renamed"));
        // Whatever arrived so far is set aside: the next event of the phone is the block's.
        stream.seen();
        ok(owner.put("/api/users/{userId}", userUpdate("user", true), userId));
        stream.await("peer", data -> phone.value().equals(id(data)));
    }

    @Test
    void liveWhenPathsReportedThenPeerSentWithItsConnections() throws Exception {
        NetloomApi.Client owner = accounts.newAccount();
        MapCapturingDevice a = device(owner, "a");
        MapCapturingDevice b = device(owner, "b");
        String pair = createGroup(owner, "pair", a.peerId, b.peerId);
        createPolicy(owner, "pair", List.of(pair), List.of(pair));
        a.connect(gateway);
        b.connect(gateway);
        EventStream stream = open(owner);
        stream.await("ready", data -> true);

        a.send(PathReport.encode(List.of(new PathReport.Path(b.peerId, PathReport.ConnectionType.RELAYED, "relay",
                "srflx", "203.0.113.7:51820", PathReport.RelayTransport.UDP, 4.0))));

        JsonNode reported = stream.await("peer", data -> a.peerId.equals(id(data))
                && data.get("netloom_connections").size() == 1).data();
        assertThat(reported.get("netloom_connections").get(0).get("connection_type").asString()).isEqualTo("RELAYED");
    }

    @Test
    void liveWhenRegularUserThenOnlyTheirOwnPeersIncludingRemovals() throws Exception {
        NetloomApi.Client owner = accounts.newAccount();
        String setupKey = TestPeers.createReusableKey(owner, List.of());
        JsonNode others = ok(api.anonymous().post("/api/netloom/enroll",
                TestPeers.enrollment(setupKey, TestPeers.newPublicKey(), "others"))).body();
        AccountId account = new AccountId(others.get("account_id").asString());
        String otherPeer = others.get("peer_id").asString();
        UserId user = new UserId(ok(owner.post("/api/users", regularUser("feed-" + System.nanoTime()
                + "@example.org", "user"))).text("id"));
        EventStream stream = open(api.as(accounts.tokenFor(account, user)));
        stream.await("ready", data -> true);

        PeerId own = enrollAs(account, user, "own");
        stream.await("peer", data -> own.value().equals(id(data)));
        ok(owner.put("/api/peers/{peerId}", peerUpdate("others-renamed"), otherPeer));
        ok(owner.delete("/api/peers/{peerId}", otherPeer));
        ok(owner.put("/api/peers/{peerId}", peerUpdate("own-renamed"), own.value()));
        stream.await("peer", data -> own.value().equals(id(data)) && data.get("name").asString().equals("own-renamed"));
        ok(owner.delete("/api/peers/{peerId}", own.value()));
        stream.await("peer-removed", data -> own.value().equals(id(data)));

        assertThat(stream.seen()).noneMatch(event -> event.data().toString().contains(otherPeer));
    }

    @Test
    void liveWhenItsUserIsBlockedOrGetsAnotherRoleOrItsTokenIsDeletedThenStreamEnds() throws Exception {
        NetloomApi.Client owner = accounts.newAccount();
        AccountId account = new AccountId(ok(owner.get("/api/accounts")).body().get(0).get("id").asString());
        String blocked = ok(owner.post("/api/users", regularUser("blocked-" + System.nanoTime() + "@example.org",
                "user"))).text("id");
        String promoted = ok(owner.post("/api/users", regularUser("promoted-" + System.nanoTime() + "@example.org",
                "user"))).text("id");
        EventStream ofBlocked = open(api.as(accounts.tokenFor(account, new UserId(blocked))));
        EventStream ofPromoted = open(api.as(accounts.tokenFor(account, new UserId(promoted))));
        String self = ok(owner.get("/api/users/current")).text("id");
        JsonNode token = ok(owner.post("/api/users/{userId}/tokens", Map.of("name", "feed", "expires_in", 1), self))
                .body();
        String tokenId = token.get("personal_access_token").get("id").asString();
        EventStream ofToken = open(api.as(token.get("plain_token").asString()));
        EventStream ofOwner = open(owner);
        for (EventStream stream : List.of(ofBlocked, ofPromoted, ofToken, ofOwner)) {
            stream.await("ready", data -> true);
        }

        ok(owner.put("/api/users/{userId}", userUpdate("user", true), blocked));
        ofBlocked.awaitEnd();
        ok(owner.put("/api/users/{userId}", userUpdate("admin", false), promoted));
        ofPromoted.awaitEnd();
        ok(owner.delete("/api/users/{userId}/tokens/{tokenId}", self, tokenId));
        ofToken.awaitEnd();

        assertThat(feed.openFeeds(account)).as("the owner's own feed goes on").isEqualTo(1);
    }

    @Test
    void liveWhenNoCredentialsThen401() throws Exception {
        HttpResponse<InputStream> refused = EventStream.request(api.baseUrl() + LIVE, null);
        try (InputStream body = refused.body()) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(new String(body.readAllBytes())).contains("\"code\":401");
        }
        assertThat(EventStream.request(api.baseUrl() + LIVE, "Bearer not-a-jwt").statusCode()).isEqualTo(401);
    }

    @Test
    void liveWhenAskedWithAQueryParameterThen400AsJson() throws Exception {
        NetloomApi.Client owner = accounts.newAccount();
        HttpResponse<InputStream> refused = EventStream.request(api.baseUrl() + LIVE + "?since=0", owner.authorization());
        try (InputStream body = refused.body()) {
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(new String(body.readAllBytes())).contains("\"code\":400");
        }
    }

    @Test
    void liveWhenClientDisconnectsThenItsFeedIsForgotten() throws Exception {
        NetloomApi.Client owner = accounts.newAccount();
        MapCapturingDevice laptop = device(owner, "laptop");
        AccountId account = new AccountId(ok(owner.get("/api/accounts")).body().get(0).get("id").asString());
        EventStream stream = EventStream.open(api.baseUrl() + LIVE, owner.authorization());
        stream.await("ready", data -> true);
        assertThat(feed.openFeeds(account)).isEqualTo(1);

        stream.close();
        // Writing to the closed connection is what shows it closed: changes give the feed something to write.
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        for (int rename = 0; feed.openFeeds(account) > 0; rename++) {
            assertThat(System.nanoTime()).as("the feed forgotten within %s", PATIENCE).isLessThan(deadline);
            ok(owner.put("/api/peers/{peerId}", peerUpdate("laptop-" + rename), laptop.peerId));
            Thread.sleep(300);
        }
    }

    private EventStream open(NetloomApi.Client client) throws Exception {
        EventStream stream = EventStream.open(api.baseUrl() + LIVE, client.authorization());
        opened.add(stream);
        return stream;
    }

    private MapCapturingDevice device(NetloomApi.Client admin, String hostname) {
        MapCapturingDevice device = MapCapturingDevice.enroll(api, TestPeers.createReusableKey(admin, List.of()),
                hostname);
        opened.add(device::close);
        return device;
    }

    /** A person's device, enrolled as their sign-in enrolls it. */
    private PeerId enrollAs(AccountId account, UserId user, String name) {
        PeerId peer = PeerId.random();
        commands.send(new EnrollPeerCommand(peer, account, new WireguardPublicKey(TestPeers.newPublicKey()),
                new PeerMetadata(name, "linux", "6.8.0", "0.1.0"), name, "100.64.201.7", new DnsLabel(name),
                user, null, false, true, false, Instant.now(), ExtraDnsLabels.NONE, false), new Initiator(user.value()));
        return peer;
    }

    private static List<String> groupNames(JsonNode data) {
        List<String> names = new ArrayList<>();
        data.get("groups").forEach(group -> names.add(group.get("name").asString()));
        return names;
    }

    private static String id(JsonNode data) {
        return data.get("id").asString();
    }
}
