package io.netloom.server.signin;

import static io.netloom.server.testing.TestData.accountId;
import static io.netloom.server.testing.TestData.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.KeycloakFederatedServer;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.PersonSignIn;
import io.netloom.server.testing.TestPeers;
import io.netloom.testsupport.keycloak.KeycloakAdmin;
import io.netloom.testsupport.keycloak.Person;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URLEncoder;
import java.security.MessageDigest;
import java.util.Base64;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * People sign in through a real Keycloak federated into Netloom's authorization server (ADR 0022): one Netloom
 * server (plain HTTP, embedded PostgreSQL) with two upstream providers, the shared Keycloak with a confidential
 * client, and a provider whose issuer is a closed port. The test plays the device (device authorization grant
 * against Netloom) and the person's browser (Netloom's pages, then Keycloak's login form, then back).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FederatedSignInKeycloakTest {

    private static final String REALM = "federation";
    private static final Person ALICE = new Person("alice", "alice-password-1", "alice@example.com", "Alice", "Admin");
    private static final Person BOB = new Person("bob", "bob-password-1", "bob@example.com", "Bob", "Engineer");
    private static final Person CAROL = new Person("carol", "carol-password-1", "carol@example.com", "Carol", "Intern");
    private static final Person DAN = new Person("dan", "dan-password-1", "dan@example.com", "Dan", "Tamperer");
    private static final Person ERIN = new Person("erin", "erin-password-1", "erin@example.com", "Erin", "Browser");

    private KeycloakFederatedServer federation;
    private KeycloakAdmin keycloakAdmin;
    private NetloomApi api;
    private NetloomApi.Client owner;
    private String account;

    @BeforeAll
    void start() {
        federation = KeycloakFederatedServer.createRealm(REALM);
        keycloakAdmin = federation.keycloakAdmin();
        keycloakAdmin.createGroup(REALM, "Engineering");
        keycloakAdmin.createGroup(REALM, "Interns");
        keycloakAdmin.createUser(REALM, ALICE);
        keycloakAdmin.createUser(REALM, BOB, "Engineering");
        keycloakAdmin.createUser(REALM, CAROL, "Interns");
        keycloakAdmin.createUser(REALM, DAN);
        keycloakAdmin.createUser(REALM, ERIN, "Engineering", "Interns");

        federation.start(KeycloakFederatedServer.providerProperty("display-name=Company Keycloak"),
                // Nothing listens there: the provider is down from the start.
                "netloom.identity.providers.offline.issuer-uri=" + KeycloakFederatedServer.unreachableUrl()
                        + "/realms/gone",
                "netloom.identity.providers.offline.client-id=netloom",
                "netloom.identity.providers.offline.client-secret=unused-secret",
                "netloom.identity.providers.offline.display-name=Offline IdP");
        api = federation.api();
        owner = federation.owner();
        account = accountId(owner);
    }

    @AfterAll
    void stop() {
        if (federation != null) {
            federation.close();
        }
    }

    @AfterEach
    void jwtGroupsOff() {
        jwtGroups(false, List.of());
    }

    @Test
    void signInWhenFirstTimeThenIntegrationUserLinkedToSubjectAndNextTimeTheSameUserThoughTheEmailChanged() {
        String token = federation.signIns().signIn(ALICE);

        List<JsonNode> users = usersWithEmail(ALICE.email());
        assertThat(users).hasSize(1);
        JsonNode alice = users.get(0);
        assertThat(alice.get("issued").asString()).isEqualTo("integration");
        assertThat(alice.get("role").asString()).isEqualTo("user");
        assertThat(alice.get("status").asString()).isEqualTo("active");
        assertThat(alice.get("name").asString()).isEqualTo(ALICE.name());
        assertThat(alice.get("last_login").asString()).doesNotStartWith("0001");
        // Netloom's own token names the Netloom user, not Keycloak's subject, and works on the API.
        JsonNode current = ok(api.withBearer(token).get("/api/users/current")).body();
        assertThat(current.get("id").asString()).isEqualTo(alice.get("id").asString());

        keycloakAdmin.changeEmail(REALM, ALICE.username(), "alice.renamed@example.com");
        federation.signIns().signIn(ALICE);

        assertThat(usersWithEmail("alice.renamed@example.com")).isEmpty();
        assertThat(usersWithEmail(ALICE.email())).singleElement()
                .satisfies(again -> assertThat(again.get("id").asString()).isEqualTo(alice.get("id").asString()));
        List<JsonNode> signIns = ok(owner.get("/api/events/audit")).body().valueStream()
                .filter(event -> event.get("activity_code").asString().equals("dashboard.login"))
                .filter(event -> event.get("initiator_id").asString().equals(alice.get("id").asString()))
                .toList();
        assertThat(signIns).hasSize(2);
        assertThat(ok(owner.get("/api/events/audit")).body().valueStream()
                .filter(event -> event.get("activity_code").asString().equals("user.join"))
                .filter(event -> event.get("target_id").asString().equals(alice.get("id").asString())))
                .hasSize(1);
    }

    @Test
    void deviceSignInWhenJwtGroupsOnThenPeerFollowsKeycloakGroups() {
        jwtGroups(true, List.of());
        String key = TestPeers.newPublicKey();

        String token = federation.signIns().signIn(BOB);
        JsonNode enrolled = ok(api.withBearer(token).post("/api/netloom/enroll", enrollment(key, "bob-laptop"))).body();

        String peerId = enrolled.get("peer_id").asString();
        JsonNode peer = ok(owner.get("/api/peers/{peerId}", peerId)).body();
        String bob = usersWithEmail(BOB.email()).get(0).get("id").asString();
        assertThat(peer.get("user_id").asString()).isEqualTo(bob);
        assertThat(groupNames(peer)).contains("Engineering");
        JsonNode engineering = ok(owner.get("/api/groups")).body().valueStream()
                .filter(group -> group.get("name").asString().equals("Engineering")).findFirst().orElseThrow();
        assertThat(engineering.get("issued").asString()).isEqualTo("jwt");

        keycloakAdmin.leaveGroup(REALM, BOB.username(), "Engineering");
        String afterLeaving = federation.signIns().signIn(BOB);
        ok(api.withBearer(afterLeaving).post("/api/netloom/enroll", enrollment(key, "bob-laptop")));

        assertThat(groupNames(ok(owner.get("/api/peers/{peerId}", peerId)).body())).doesNotContain("Engineering");
    }

    @Test
    void authorizationCodeWhenSignedInThroughKeycloakThenCliTokenCarriesTheGroups() throws Exception {
        String verifier = "v".repeat(43) + System.nanoTime();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String loopback = "http://127.0.0.1:49152/callback";
        PersonSignIn.Browser browser = federation.people().browser();
        PersonSignIn.Page toLogin = browser.get("/oauth2/authorize?response_type=code&client_id=netloom-cli"
                + "&scope=openid&state=s1&redirect_uri=" + URLEncoder.encode(loopback, StandardCharsets.UTF_8)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256");
        assertThat(toLogin.location()).endsWith("/login");

        PersonSignIn.Page back = browser.get(federation.signIns().callback(browser, ERIN).toString());
        PersonSignIn.Page toLoopback = browser.get(back.location());

        assertThat(toLoopback.location()).startsWith(loopback + "?code=").contains("state=s1");
        String code = queryParameter(URI.create(toLoopback.location()), "code");
        PersonSignIn.Answer token = federation.people().oauth("/oauth2/token", Map.of("grant_type",
                "authorization_code", "code", code, "redirect_uri", loopback, "client_id", PersonSignIn.CLI,
                "code_verifier", verifier));
        assertThat(token.status()).as(String.valueOf(token.body())).isEqualTo(200);
        JWTClaimsSet claims = SignedJWT.parse(token.text("access_token")).getJWTClaimsSet();
        assertThat(claims.getStringListClaim("groups")).containsExactlyInAnyOrder("Engineering", "Interns");
        assertThat(claims.getSubject()).isEqualTo(usersWithEmail(ERIN.email()).get(0).get("id").asString());
    }

    @Test
    void signInWhenOutsideJwtAllowGroupsThenRefusedWithTheReasonAndNoUserCreated() {
        jwtGroups(true, List.of("Engineering"));
        PersonSignIn.Browser browser = federation.people().browser();
        browser.get(federation.people().deviceAuthorization().text("verification_uri_complete"));

        PersonSignIn.Page refused = browser.get(federation.signIns().callback(browser, CAROL).toString());

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("not in any of the groups allowed to sign in");
        assertThat(usersWithEmail(CAROL.email())).isEmpty();
        // The refused browser holds no signed-in session: the code page sends it back to sign in.
        assertThat(browser.get("/activate").location()).endsWith("/login");
    }

    @Test
    void signInWhenProviderDownThenClearPageAndServerKeepsServing() {
        PersonSignIn.Browser browser = federation.people().browser();
        PersonSignIn.Page login = browser.get("/login");
        assertThat(login.body()).contains("Sign in with Company Keycloak").contains("Sign in with Offline IdP")
                .contains("href=\"/oauth2/authorization/offline\"");

        HttpResponse<String> down = plainGet("/oauth2/authorization/offline");

        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/html"));
        assertThat(down.body()).contains("Offline IdP cannot be reached; try again later.")
                .doesNotContain("Exception");
        ok(owner.get("/api/peers"));
        ok(owner.get("/api/users"));
        assertThat(browser.get("/oauth2/authorization/nobody").status()).isEqualTo(404);
    }

    @Test
    void callbackWhenStateOrCodeTamperedOrProviderRefusesThenClearClientErrorAndNoSession() {
        PersonSignIn.Browser browser = federation.people().browser();
        browser.get(federation.people().deviceAuthorization().text("verification_uri_complete"));
        URI callback = federation.signIns().callback(browser, DAN);
        String state = queryParameter(callback, "state");
        String base = callback.toString().substring(0, callback.toString().indexOf('?'));

        PersonSignIn.Page wrongState = browser.get(base + "?code=" + queryParameter(callback, "code")
                + "&state=forged" + state);
        PersonSignIn.Page providerRefused = browser.get(base + "?error=access_denied&state=" + state);

        assertThat(wrongState.status()).isEqualTo(400);
        assertThat(wrongState.body()).contains("not started here");
        assertThat(providerRefused.status()).isEqualTo(403);
        assertThat(providerRefused.body()).contains("Company Keycloak did not let you sign in");

        URI another = federation.signIns().callback(browser, DAN);
        PersonSignIn.Page wrongCode = browser.get(another.toString().replace("code=", "code=forged"));
        assertThat(wrongCode.status()).isEqualTo(400);
        assertThat(wrongCode.body()).contains("Company Keycloak did not accept this sign-in");
        assertThat(usersWithEmail(DAN.email())).isEmpty();
        assertThat(browser.get("/activate").location()).endsWith("/login");
    }

    // ---- the API

    private void jwtGroups(boolean enabled, List<String> allowGroups) {
        ok(owner.put("/api/accounts/{accountId}", Map.of("settings", Map.of("jwt_groups_enabled", enabled,
                "jwt_groups_claim_name", "groups", "jwt_allow_groups", allowGroups)), account));
    }

    private List<JsonNode> usersWithEmail(String email) {
        return ok(owner.get("/api/users")).body().valueStream()
                .filter(user -> email.equals(user.get("email").asString())).toList();
    }

    private static List<String> groupNames(JsonNode peer) {
        return peer.get("groups").valueStream().map(group -> group.get("name").asString()).toList();
    }

    private static Map<String, Object> enrollment(String publicKey, String hostname) {
        return Map.of("wireguard_public_key", publicKey, "hostname", hostname, "os", "linux",
                "kernel_version", "6.1.0", "daemon_version", "0.1.0");
    }

    private static String queryParameter(URI uri, String name) {
        Optional<String> value = Arrays.stream(uri.getRawQuery().split("&"))
                .filter(pair -> pair.startsWith(name + "="))
                .map(pair -> URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8))
                .findFirst();
        return value.orElseThrow(() -> new AssertionError("no " + name + " in " + uri));
    }

    /** A browser's request that may meet a 5xx answer (the person's browser helper treats those as test failures). */
    private HttpResponse<String> plainGet(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.baseUrl() + path)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
