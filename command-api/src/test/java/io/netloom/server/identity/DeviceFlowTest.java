package io.netloom.server.identity;

import static io.netloom.server.testing.TestData.audit;
import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.regularUser;
import static io.netloom.server.testing.TestData.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.netloom.server.security.IssuerUrl;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.PersonSignIn;
import io.netloom.server.testing.PersonSignIn.Answer;
import io.netloom.server.testing.PersonSignIn.Browser;
import io.netloom.server.testing.PersonSignIn.Page;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A person signs a device in with the device authorization grant (RFC 8628) against the embedded
 * user store, over real HTTP: the test is the device (device code, polling) and the person (the
 * browser that signs in, changes the administrator's password, and confirms the code).
 */
class DeviceFlowTest extends ServerTest {

    @Autowired
    private IssuerUrl issuer;

    private NetloomApi.Client owner;
    private PersonSignIn signIn;
    private String engineering;
    private String userId;
    private String email;
    private String initialPassword;

    @BeforeEach
    void createPerson() {
        owner = accounts.newAccount();
        signIn = new PersonSignIn(api);
        engineering = createGroup(owner, "Engineering");
        email = "eng-" + System.nanoTime() + "@example.org";
        NetloomApi.Response created = ok(owner.post("/api/users",
                with(regularUser(email, "user"), "auto_groups", List.of(engineering))));
        userId = created.text("id");
        initialPassword = created.text("password");
    }

    @Test
    void deviceFlowWhenPersonSignsInAndConfirmsCodeThenDeviceGetsTheirAccessTokenAndEnrollsAsTheirPeer()
            throws Exception {
        assertThat(initialPassword).hasSizeGreaterThanOrEqualTo(20);
        Answer device = signIn.deviceAuthorization();
        assertThat(device.status()).isEqualTo(200);
        assertThat(device.text("verification_uri")).isEqualTo(issuer.value() + "/activate");
        assertThat(device.text("verification_uri_complete"))
                .isEqualTo(issuer.value() + "/activate?user_code=" + device.text("user_code"));
        assertThat(device.body().get("expires_in").asInt()).isEqualTo(600);
        // netloom.identity.device-poll-interval, stated though it is RFC 8628's default.
        assertThat(device.body().get("interval").asInt()).isEqualTo(5);

        // The device polls before the person has done anything.
        Answer pending = signIn.poll(device.text("device_code"));
        assertThat(pending.status()).isEqualTo(400);
        assertThat(pending.text("error")).isEqualTo("authorization_pending");
        Answer tooFast = signIn.poll(device.text("device_code"));
        assertThat(tooFast.status()).isEqualTo(400);
        assertThat(tooFast.text("error")).isEqualTo("slow_down");

        // The person opens the complete URL, is sent to sign in, and must replace the initial password.
        Browser browser = signIn.browser();
        Page toLogin = browser.get(device.text("verification_uri_complete"));
        assertThat(toLogin.location()).endsWith("/login");
        Page changePassword = browser.signIn(email, initialPassword);
        assertThat(changePassword.status()).isEqualTo(200);
        assertThat(changePassword.body()).contains("Choose a new password");
        // Not signed in yet: the code page still sends the browser to the login page.
        assertThat(browser.get(device.text("verification_uri_complete")).location()).endsWith("/login");
        Page changePasswordAgain = browser.signIn(email, initialPassword);
        Page changed = browser.post("/login/password", Map.of("new_password", "my own long passphrase",
                "confirmation", "my own long passphrase", "_csrf", changePasswordAgain.csrf()));
        assertThat(changed.status()).as(changed.body()).isEqualTo(303);
        Page activate = browser.follow(changed);
        assertThat(activate.body()).contains(email).contains("value=\"" + device.text("user_code") + "\"");
        PersonSignIn.approve(browser, activate, device.text("user_code"));

        Answer token = signIn.pollAfterInterval(device.text("device_code"));
        assertThat(token.status()).as(String.valueOf(token.body())).isEqualTo(200);
        assertThat(token.body().has("refresh_token")).isFalse();
        JWTClaimsSet claims = SignedJWT.parse(token.text("access_token")).getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(issuer.value());
        assertThat(claims.getAudience()).containsExactly("netloom-api");
        assertThat(claims.getSubject()).isEqualTo(userId);
        assertThat(claims.getStringClaim("account_id")).isNotBlank();
        assertThat(claims.getExpirationTime().toInstant()).isBefore(Instant.now().plusSeconds(11 * 60));

        // The device code is spent: polling it again gives no second token.
        Answer spent = signIn.pollAfterInterval(device.text("device_code"));
        assertThat(spent.status()).isEqualTo(400);
        assertThat(spent.body().has("access_token")).isFalse();

        NetloomApi.Client person = api.withBearer(token.text("access_token"));
        JsonNode me = ok(person.get("/api/users/current")).body();
        assertThat(me.get("id").asString()).isEqualTo(userId);
        assertThat(me.get("role").asString()).isEqualTo("user");
        assertThat(Instant.parse(me.get("last_login").asString())).isAfter(Instant.now().minusSeconds(120));

        String publicKey = TestPeers.newPublicKey();
        NetloomApi.Response enrolled = ok(person.post("/api/netloom/enroll",
                without(TestPeers.enrollment("unused", publicKey, "laptop"), "setup_key")));
        String peerId = enrolled.text("peer_id");
        JsonNode peer = ok(owner.get("/api/peers/{peerId}", peerId)).body();
        assertThat(peer.get("user_id").asString()).isEqualTo(userId);
        assertThat(peer.get("login_expiration_enabled").asBoolean()).isTrue();
        assertThat(peer.get("groups").findValuesAsString("id")).contains(engineering);

        // Signing the same device in again: same peer, same address.
        String again = signIn.deviceFlowAccessToken(email, "my own long passphrase");
        NetloomApi.Response reenrolled = ok(api.withBearer(again).post("/api/netloom/enroll",
                without(TestPeers.enrollment("unused", publicKey, "laptop"), "setup_key")));
        assertThat(reenrolled.text("peer_id")).isEqualTo(peerId);
        assertThat(reenrolled.text("overlay_ip")).isEqualTo(enrolled.text("overlay_ip"));

        // A person's device has no setup key to allow extra DNS labels (ADR 0046): refused, for it and a new one.
        Map<String, Object> withLabels = new HashMap<>(
                without(TestPeers.enrollment("unused", publicKey, "laptop"), "setup_key"));
        withLabels.put("extra_dns_labels", List.of("db"));
        NetloomApi.Response refused = api.withBearer(again).post("/api/netloom/enroll", withLabels);
        withLabels.put("wireguard_public_key", TestPeers.newPublicKey());
        NetloomApi.Response refusedNew = api.withBearer(again).post("/api/netloom/enroll", withLabels);
        assertThat(refused.status()).isEqualTo(refusedNew.status()).isEqualTo(412);
        assertThat(refused.text("message")).isEqualTo("setup key doesn't allow extra DNS labels");
        assertThat(ok(owner.get("/api/peers")).body()).hasSize(1);
        assertThat(ok(owner.get("/api/peers/{peerId}", peerId)).body().get("extra_dns_labels")).isEmpty();

        // The history says who signed in and who enrolled the device: the person.
        List<JsonNode> history = audit(owner);
        assertThat(history).filteredOn(event -> event.get("activity_code").asString().equals("dashboard.login"))
                .hasSize(2)
                .allSatisfy(event -> assertThat(event.get("initiator_id").asString()).isEqualTo(userId));
        assertThat(history).filteredOn(event -> event.get("activity_code").asString().equals("user.password.change"))
                .extracting(event -> event.get("initiator_id").asString())
                .containsExactly(currentOwner(), userId);
        assertThat(history).filteredOn(event -> event.get("activity_code").asString().equals("peer.user.add"))
                .singleElement()
                .satisfies(event -> assertThat(event.get("initiator_id").asString()).isEqualTo(userId));
    }

    @Test
    void discoveryWhenReadByAStandardClientThenNamesTheEndpointsOfBothGrants() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(api.baseUrl() + "/.well-known/openid-configuration")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode discovery = api.json().readTree(response.body());
        assertThat(discovery.get("device_authorization_endpoint").asString())
                .isEqualTo(issuer.value() + "/oauth2/device_authorization");
        assertThat(discovery.get("authorization_endpoint").asString()).isEqualTo(issuer.value() + "/oauth2/authorize");
        assertThat(discovery.get("token_endpoint").asString()).isEqualTo(issuer.value() + "/oauth2/token");
        assertThat(discovery.get("grant_types_supported").toString())
                .contains("urn:ietf:params:oauth:grant-type:device_code").contains("authorization_code");
        assertThat(discovery.get("code_challenge_methods_supported").toString()).contains("S256");
    }

    @Test
    void deviceFlowWhenPersonDeniesThenPollSaysAccessDeniedAndNoTokenIsIssued() {
        Answer device = signIn.deviceAuthorization();
        Browser browser = signIn.browser();
        browser.get(device.text("verification_uri_complete"));
        Page changePassword = browser.signIn(email, initialPassword);
        Page activate = browser.follow(browser.post("/login/password", Map.of("new_password", "another passphrase!",
                "confirmation", "another passphrase!", "_csrf", changePassword.csrf())));
        Page denied = browser.post("/activate/deny", Map.of("user_code", device.text("user_code"),
                "_csrf", activate.csrf()));
        assertThat(denied.status()).isEqualTo(200);

        Answer poll = signIn.poll(device.text("device_code"));
        assertThat(poll.status()).isEqualTo(400);
        assertThat(poll.text("error")).isEqualTo("access_denied");
        assertThat(poll.body().has("access_token")).isFalse();
    }

    @Test
    void deviceVerificationWhenOpenedAsLinkOrPostedWithoutCsrfTokenThenDeviceIsNotSignedIn() {
        Answer device = signIn.deviceAuthorization();
        Browser browser = signIn.browser();
        browser.get("/activate");
        Page changePassword = browser.signIn(email, initialPassword);
        browser.follow(browser.post("/login/password", Map.of("new_password", "a third passphrase",
                "confirmation", "a third passphrase", "_csrf", changePassword.csrf())));

        // A link to the verification endpoint only shows the confirmation page.
        Page link = browser.get("/oauth2/device_verification?user_code=" + device.text("user_code"));
        assertThat(link.location()).isEqualTo("/activate?user_code=" + device.text("user_code"));
        // A cross-site form post has no CSRF token.
        Page forged = browser.post("/oauth2/device_verification", Map.of("user_code", device.text("user_code")));
        assertThat(forged.status()).isEqualTo(403);

        assertThat(signIn.poll(device.text("device_code")).text("error")).isEqualTo("authorization_pending");
    }

    @Test
    void deviceFlowWhenCodeUnknownThenPersonIsToldAndWhenDeviceCodeUnknownThenInvalidGrant() {
        Browser browser = signIn.browser();
        browser.get("/activate");
        Page changePassword = browser.signIn(email, initialPassword);
        Page activate = browser.follow(browser.post("/login/password", Map.of("new_password", "a fourth passphrase",
                "confirmation", "a fourth passphrase", "_csrf", changePassword.csrf())));
        Page wrong = browser.post("/oauth2/device_verification", Map.of("user_code", "WRONG-CODE",
                "_csrf", activate.csrf()));
        assertThat(wrong.location()).endsWith("/activate/failed");
        assertThat(browser.get("/activate/failed").body()).contains("unknown");

        assertThat(signIn.poll("not-a-device-code").text("error")).isEqualTo("invalid_grant");
    }

    @Test
    void deviceAuthorizationWhenClientUnknownOrConfidentialThenInvalidClient() {
        Answer unknown = signIn.oauth("/oauth2/device_authorization", Map.of("client_id", "someone-else"));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.text("error")).isEqualTo("invalid_client");
    }

    @Test
    void loginWhenPasswordWrongThenUnauthorizedAndNotSignedIn() {
        Browser browser = signIn.browser();
        browser.get("/activate");
        Page wrong = browser.signIn(email, "not the password at all");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("Wrong email or password");
        Page unknown = browser.signIn("nobody-" + System.nanoTime() + "@example.org", initialPassword);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(browser.get("/activate").location()).endsWith("/login");
    }

    @Test
    void loginWhenUserBlockedThenRefusedWithMessage() {
        ok(owner.put("/api/users/{userId}", Map.of("role", "user", "auto_groups", List.of(engineering),
                "is_blocked", true), userId));
        Page refused = signIn.browser().signIn(email, initialPassword);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("blocked");
    }

    @Test
    void passwordChangeWhenConfirmationDiffersOrTooShortOrUnchangedThenRefusedAndStillRequired() {
        Browser browser = signIn.browser();
        Page form = browser.signIn(email, initialPassword);
        Page differs = browser.post("/login/password", Map.of("new_password", "first long passphrase",
                "confirmation", "second long passphrase", "_csrf", form.csrf()));
        assertThat(differs.status()).isEqualTo(422);
        Page tooShort = browser.post("/login/password", Map.of("new_password", "short",
                "confirmation", "short", "_csrf", form.csrf()));
        assertThat(tooShort.status()).isEqualTo(422);
        assertThat(tooShort.body()).contains("at least 12");
        Page same = browser.post("/login/password", Map.of("new_password", initialPassword,
                "confirmation", initialPassword, "_csrf", form.csrf()));
        assertThat(same.status()).isEqualTo(422);
        // Still the administrator's password, still to be changed.
        assertThat(signIn.browser().signIn(email, initialPassword).body()).contains("Choose a new password");
    }

    private String currentOwner() {
        return ok(owner.get("/api/users/current")).text("id");
    }

    private static Map<String, Object> without(Map<String, Object> body, String key) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(body);
        copy.remove(key);
        return copy;
    }
}
