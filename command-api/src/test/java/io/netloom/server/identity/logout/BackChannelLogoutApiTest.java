package io.netloom.server.identity.logout;

import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.policy;
import static io.netloom.server.testing.TestData.rule;
import static io.netloom.server.testing.TestData.groupNamed;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.netloom.domain.account.AccountSettings;
import io.netloom.domain.account.CreateAccountCommand;
import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.group.CreateGroupCommand;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.peer.DnsLabel;
import io.netloom.domain.peer.EnrollPeerCommand;
import io.netloom.domain.peer.ExtraDnsLabels;
import io.netloom.domain.peer.PeerMetadata;
import io.netloom.domain.peer.WireguardPublicKey;
import io.netloom.domain.user.CreateFederatedUserCommand;
import io.netloom.domain.user.CreateUserCommand;
import io.netloom.domain.user.GroupsClaim;
import io.netloom.domain.user.RecordUserLoginCommand;
import io.netloom.domain.user.Role;
import io.netloom.projections.directory.Directory;
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import io.netloom.server.login.UserLogins;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The back-channel logout endpoint on the real server (ADR 0027), with a provider whose discovery document and key
 * set a loopback server publishes: a valid logout token ends the login of every device of the person it names, and
 * only theirs; each broken token is refused with 400 and changes nothing.
 */
class BackChannelLogoutApiTest extends ServerTest {

    private static final String PROVIDER = "fake";
    private static final String CLIENT = LogoutTokens.CLIENT;
    private static final AccountId ACCOUNT = AccountId.random();
    private static final UserId OWNER = UserId.random();
    private static final AtomicInteger DEVICES = new AtomicInteger();
    private static FakeProvider provider;

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry properties) {
        provider = FakeProvider.start();
        properties.add("netloom.identity.providers." + PROVIDER + ".issuer-uri", provider::issuer);
        properties.add("netloom.identity.providers." + PROVIDER + ".client-id", () -> CLIENT);
        properties.add("netloom.identity.providers." + PROVIDER + ".client-secret", () -> "unused-secret");
        properties.add("netloom.identity.providers." + PROVIDER + ".account-id", ACCOUNT::value);
        // Nothing listens there: its keys can never be fetched.
        properties.add("netloom.identity.providers.offline.issuer-uri", () -> "http://127.0.0.1:" + closedPort()
                + "/realms/gone");
        properties.add("netloom.identity.providers.offline.client-id", () -> CLIENT);
        properties.add("netloom.identity.providers.offline.client-secret", () -> "unused-secret");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @LocalServerPort
    private int port;

    @Autowired
    private Commands commands;

    @Autowired
    private Directory directory;

    @Autowired
    private UserLogins logins;

    @Autowired
    private UpstreamSessionIndex sessions;

    private NetloomApi.Client owner;
    private String aliceSubject;
    private UserId alice;
    private PeerId aliceLaptop;
    private PeerId alicePhone;
    private PeerId bobLaptop;
    private String server;

    @BeforeEach
    void personsWithDevicesAndAServerInAMesh() {
        if (directory.account(ACCOUNT).isEmpty()) {
            commands.sendAtomically(List.of(
                    new CreateAccountCommand(ACCOUNT, OWNER, "", Ipv4Network.DEFAULT, AccountSettings.defaults()),
                    new CreateGroupCommand(GroupId.random(), ACCOUNT, "All", true, Set.of()),
                    new CreateUserCommand(OWNER, ACCOUNT, "", "Test owner", Role.OWNER, true, Set.of())),
                    Initiator.SYSTEM);
            owner = api.as(accounts.tokenFor(ACCOUNT, OWNER));
            String all = groupNamed(owner, "All");
            ok(owner.post("/api/policies", policy("mesh", true, List.of(rule("r", List.of(all), List.of(all))))));
        }
        owner = api.as(accounts.tokenFor(ACCOUNT, OWNER));
        aliceSubject = "alice-" + UUID.randomUUID();
        alice = federatedUser(aliceSubject);
        aliceLaptop = device(alice);
        alicePhone = device(alice);
        bobLaptop = device(federatedUser("bob-" + UUID.randomUUID()));
        server = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(owner, List.of()),
                "server-" + DEVICES.incrementAndGet());
        assertThat(accessibleFrom(server)).contains(aliceLaptop.value(), alicePhone.value(), bobLaptop.value());
    }

    @Test
    void logoutWhenValidTokenThenEveryPeerOfThePersonLoginExpiredAndOthersKeepTheirPaths() {
        HttpResponse<String> answer = post(PROVIDER, sign(LogoutTokens.valid(provider.issuer(), aliceSubject,
                Instant.now())));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Cache-Control")).hasValueSatisfying(value ->
                assertThat(value).contains("no-store"));
        assertThat(loginExpired(aliceLaptop)).isTrue();
        assertThat(loginExpired(alicePhone)).isTrue();
        assertThat(loginExpired(bobLaptop)).isFalse();
        assertThat(accessibleFrom(server)).contains(bobLaptop.value())
                .doesNotContain(aliceLaptop.value(), alicePhone.value());
        // Not a block: the person may sign in again at once.
        assertThat(ok(owner.get("/api/users")).body().valueStream()
                .filter(user -> user.get("id").asString().equals(alice.value())))
                .singleElement().satisfies(user -> assertThat(user.get("status").asString()).isEqualTo("active"));
        List<JsonNode> expiries = ok(owner.get("/api/events/audit")).body().valueStream()
                .filter(event -> event.get("activity_code").asString().equals("peer.login.expire"))
                .filter(event -> List.of(aliceLaptop.value(), alicePhone.value())
                        .contains(event.get("target_id").asString()))
                .toList();
        assertThat(expiries).hasSize(2).allSatisfy(event -> {
            assertThat(event.get("meta").get("reason").asString()).isEqualTo("signed_out");
            assertThat(event.get("initiator_id").asString()).isEqualTo("back-channel-logout:" + PROVIDER);
        });
    }

    @Test
    void logoutWhenPersonSignsInAgainOnTheDeviceThenSamePeerAndAddressBack() {
        String addressBefore = peer(aliceLaptop).get("ip").asString();
        post(PROVIDER, sign(LogoutTokens.valid(provider.issuer(), aliceSubject, Instant.now())));
        assertThat(loginExpired(aliceLaptop)).isTrue();

        logins.record(new RecordUserLoginCommand(ACCOUNT, alice, aliceLaptop, GroupsClaim.of(null), Instant.now()),
                new Initiator(alice.value()));

        assertThat(loginExpired(aliceLaptop)).isFalse();
        assertThat(peer(aliceLaptop).get("ip").asString()).isEqualTo(addressBefore);
        assertThat(accessibleFrom(server)).contains(aliceLaptop.value()).doesNotContain(alicePhone.value());
    }

    @Test
    void logoutWhenOnlyTheSessionOfASignInThenThatPersonSignedOut() {
        sessions.signedIn(PROVIDER, aliceSubject, Optional.of("sid-" + aliceSubject),
                new UpstreamSessionIndex.Person(alice, ACCOUNT));

        HttpResponse<String> answer = post(PROVIDER, sign(LogoutTokens.valid(provider.issuer(), aliceSubject,
                Instant.now()).subject(null).claim("sid", "sid-" + aliceSubject)));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(loginExpired(aliceLaptop)).isTrue();
        assertThat(loginExpired(bobLaptop)).isFalse();
    }

    @Test
    void logoutWhenNobodyKnownHereThenOkAndNothingChanges() {
        HttpResponse<String> answer = post(PROVIDER, sign(LogoutTokens.valid(provider.issuer(), "stranger",
                Instant.now())));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertNothingChanged();
    }

    @Test
    void logoutWhenTokenBrokenThenBadRequestAsJsonAndNothingChanges() {
        Instant now = Instant.now();
        List<String> broken = List.of(
                LogoutTokens.withNewKey().sign(LogoutTokens.valid(provider.issuer(), aliceSubject, now)),
                sign(LogoutTokens.valid(provider.issuer(), aliceSubject, now).audience(List.of("another-client"))),
                sign(LogoutTokens.valid("https://elsewhere.example.com", aliceSubject, now)),
                sign(LogoutTokens.valid(provider.issuer(), aliceSubject, now).claim("events", null)),
                sign(LogoutTokens.valid(provider.issuer(), aliceSubject, now).claim("nonce", "n")),
                "not a token");

        for (String token : broken) {
            HttpResponse<String> answer = post(PROVIDER, token);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/json"));
            assertThat(answer.headers().firstValue("Cache-Control")).hasValueSatisfying(value ->
                    assertThat(value).contains("no-store"));
            JsonNode error = api.json().readTree(answer.body());
            assertThat(error.get("error").asString()).isEqualTo("invalid_request");
            assertThat(error.get("error_description").asString()).isNotBlank().doesNotContain("Exception");
        }
        assertNothingChanged();
    }

    @Test
    void logoutWhenJtiReplayedThenBadRequestTheSecondTime() {
        String token = sign(LogoutTokens.valid(provider.issuer(), "stranger", Instant.now()));
        assertThat(post(PROVIDER, token).statusCode()).isEqualTo(200);

        HttpResponse<String> replay = post(PROVIDER, token);

        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("replayed");
    }

    @Test
    void logoutWhenRequestMalformedThenClientErrorAndNothingChanges() {
        String valid = sign(LogoutTokens.valid(provider.issuer(), aliceSubject, Instant.now()));

        assertThat(post("nobody", valid).statusCode()).isEqualTo(404);
        assertThat(send("application/x-www-form-urlencoded", "other=1").statusCode()).isEqualTo(400);
        assertThat(send("application/json", "{\"logout_token\": \"" + valid + "\"}").statusCode()).isEqualTo(400);
        assertThat(send("application/x-www-form-urlencoded", "logout_token=a&logout_token=b").statusCode())
                .isEqualTo(400);
        HttpResponse<String> inUrl = send("/oauth2/backchannel-logout/" + PROVIDER + "?logout_token="
                + URLEncoder.encode(valid, StandardCharsets.UTF_8), "application/x-www-form-urlencoded", "");
        assertThat(inUrl.statusCode()).isEqualTo(400);
        assertThat(inUrl.body()).contains("request body");
        assertNothingChanged();
    }

    @Test
    void logoutWhenProviderKeysCannotBeFetchedThenServiceUnavailableAndNothingChanges() {
        HttpResponse<String> answer = post("offline", sign(LogoutTokens.valid(provider.issuer(), aliceSubject,
                Instant.now())));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(api.json().readTree(answer.body()).get("error").asString()).isEqualTo("temporarily_unavailable");
        assertNothingChanged();
    }

    @Test
    void openApiWhenReadThenDescribesTheEndpoint() {
        JsonNode document = ok(owner.get("/api/netloom/openapi")).body();

        JsonNode operation = document.get("paths").get("/oauth2/backchannel-logout/{providerId}").get("post");
        assertThat(operation.get("description").asString()).contains("logout_token").contains("400");
    }

    // ---- the person and the devices

    private UserId federatedUser(String subject) {
        UserId user = UserId.random();
        commands.send(new CreateFederatedUserCommand(user, ACCOUNT, subject + "@example.com", subject, PROVIDER,
                subject, Instant.now()), new Initiator(user.value()));
        return user;
    }

    /** A device the person signed in, as the enrollment with their token makes it (login expiry on). */
    private PeerId device(UserId user) {
        PeerId peer = PeerId.random();
        int number = DEVICES.incrementAndGet();
        String name = "device-" + number;
        commands.send(new EnrollPeerCommand(peer, ACCOUNT, new WireguardPublicKey(TestPeers.newPublicKey()),
                new PeerMetadata(name, "linux", "6.8.0", "0.1.0"), name,
                "100.64." + (number / 250) + "." + (number % 250 + 1), new DnsLabel(name), user, null, false, true,
                false, Instant.now(), ExtraDnsLabels.NONE, false), new Initiator(user.value()));
        return peer;
    }

    private void assertNothingChanged() {
        assertThat(loginExpired(aliceLaptop)).isFalse();
        assertThat(loginExpired(alicePhone)).isFalse();
        assertThat(accessibleFrom(server)).contains(aliceLaptop.value(), alicePhone.value(), bobLaptop.value());
    }

    // ---- the API

    private String sign(JWTClaimsSet.Builder claims) {
        return provider.tokens().sign(claims);
    }

    private HttpResponse<String> post(String providerId, String token) {
        return send("/oauth2/backchannel-logout/" + providerId, "application/x-www-form-urlencoded",
                "logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(String contentType, String body) {
        return send("/oauth2/backchannel-logout/" + PROVIDER, contentType, body);
    }

    private HttpResponse<String> send(String path, String contentType, String body) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + path)).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private JsonNode peer(PeerId peer) {
        return ok(owner.get("/api/peers/{peerId}", peer.value())).body();
    }

    private boolean loginExpired(PeerId peer) {
        return peer(peer).get("login_expired").asBoolean();
    }

    private List<String> accessibleFrom(String peer) {
        return ok(owner.get("/api/peers/{peerId}/accessible-peers", peer)).body().valueStream()
                .map(remote -> remote.get("id").asString()).toList();
    }
}
