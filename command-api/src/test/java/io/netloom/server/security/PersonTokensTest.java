package io.netloom.server.security;

import static io.netloom.server.testing.TestData.createToken;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.ids;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.regularUser;
import static io.netloom.server.testing.TestData.serviceUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.PersonSignIn;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A person's access token from signing in works on the admin API with the person's role, and
 * enrolls the person's devices; a forged or stale one is refused with 401 and changes nothing.
 */
class PersonTokensTest extends ServerTest {

    private static final String PASSWORD = "a long enough passphrase";

    @Autowired
    private SigningKeyRing ring;

    private NetloomApi.Client owner;
    private PersonSignIn signIn;

    @BeforeEach
    void createAccount() {
        owner = accounts.newAccount();
        signIn = new PersonSignIn(api);
    }

    @Test
    void apiWhenPersonWithRoleUserThenSeesOnlyOwnPeersAndChangesNothing() {
        String alice = person("user");
        String aliceToken = signIn.deviceFlowAccessToken(emailOf(alice), PASSWORD);
        NetloomApi.Client aliceApi = api.withBearer(aliceToken);
        String alicePeer = ok(aliceApi.post("/api/netloom/enroll", personEnrollment(TestPeers.newPublicKey(), "alice")))
                .text("peer_id");
        String serverPeer = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(owner, List.of()), "server");

        assertThat(ids(aliceApi.get("/api/peers"))).containsExactly(alicePeer);
        assertThat(ids(owner.get("/api/peers"))).containsExactlyInAnyOrder(alicePeer, serverPeer);
        assertThat(aliceApi.get("/api/peers/{peerId}", serverPeer).status()).isIn(403, 404);
        error(aliceApi.post("/api/groups", Map.of("name", "alice's group")), 403);
        assertThat(ok(owner.get("/api/groups")).body().findValuesAsString("name")).doesNotContain("alice's group");
        assertThat(ids(aliceApi.get("/api/users"))).containsExactly(alice);
    }

    @Test
    void apiWhenPersonWithRoleAdminThenManagesTheAccount() {
        String admin = person("admin");
        NetloomApi.Client adminApi = api.withBearer(signIn.deviceFlowAccessToken(emailOf(admin), PASSWORD));
        String serverPeer = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(owner, List.of()), "server");

        assertThat(ids(adminApi.get("/api/peers"))).contains(serverPeer);
        ok(adminApi.post("/api/groups", Map.of("name", "made by a signed-in admin")));
    }

    @Test
    void enrollWhenUserBlockedThenRefusedAndNoPeer() {
        String bob = person("user");
        String token = signIn.deviceFlowAccessToken(emailOf(bob), PASSWORD);
        ok(owner.put("/api/users/{userId}", Map.of("role", "user", "auto_groups", List.of(), "is_blocked", true), bob));

        NetloomApi.Response refused = error(api.withBearer(token).post("/api/netloom/enroll",
                personEnrollment(TestPeers.newPublicKey(), "bob")), 401);
        assertThat(refused.text("message")).contains("blocked");
        error(api.withBearer(token).get("/api/users/current"), 401);
        assertThat(ids(owner.get("/api/peers"))).isEmpty();
    }

    @Test
    void enrollWhenCredentialIsNotAPersonsSignInThenForbidden() {
        String bot = createUser(owner, serviceUser("bot", "admin"));
        String personalAccessToken = createToken(owner, bot);
        error(api.as(personalAccessToken).post("/api/netloom/enroll",
                personEnrollment(TestPeers.newPublicKey(), "bot")), 403);
        assertThat(ids(owner.get("/api/peers"))).isEmpty();
    }

    @Test
    void enrollWhenKeyIsAnotherPersonsPeerThenForbiddenAndPeerUnchanged() {
        String alice = person("user");
        String bob = person("user");
        String key = TestPeers.newPublicKey();
        String alicePeer = ok(api.withBearer(signIn.deviceFlowAccessToken(emailOf(alice), PASSWORD))
                .post("/api/netloom/enroll", personEnrollment(key, "alice"))).text("peer_id");

        error(api.withBearer(signIn.deviceFlowAccessToken(emailOf(bob), PASSWORD))
                .post("/api/netloom/enroll", personEnrollment(key, "bob")), 403);
        assertThat(ok(owner.get("/api/peers/{peerId}", alicePeer)).text("user_id")).isEqualTo(alice);
    }

    @Test
    void personTokenWhenIssuerIsAnotherThenUnauthorizedAndNothingChanges() throws Exception {
        Genuine genuine = genuine();
        assertRefused(genuine, "wrong-iss", genuine.signed(claims -> claims.issuer("https://evil.example")));
    }

    @Test
    void personTokenWhenAudienceIsAnotherThenUnauthorizedAndNothingChanges() throws Exception {
        Genuine genuine = genuine();
        assertRefused(genuine, "wrong-aud", genuine.signed(claims -> claims.audience(PersonSignIn.CLI)));
    }

    @Test
    void personTokenWhenExpiredThenUnauthorizedAndNothingChanges() throws Exception {
        Genuine genuine = genuine();
        Instant past = Instant.now().minusSeconds(30 * 60);
        assertRefused(genuine, "expired", genuine.signed(claims -> claims.issueTime(Date.from(past))
                .notBeforeTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(10 * 60)))));
    }

    @Test
    void personTokenWhenNotYetValidThenUnauthorizedAndNothingChanges() throws Exception {
        Genuine genuine = genuine();
        Instant future = Instant.now().plusSeconds(10 * 60);
        assertRefused(genuine, "not-yet-valid", genuine.signed(claims -> claims.notBeforeTime(Date.from(future))
                .expirationTime(Date.from(future.plusSeconds(10 * 60)))));
    }

    @Test
    void personTokenWhenSignedByUnknownKeyThenUnauthorizedAndNothingChanges() throws Exception {
        Genuine genuine = genuine();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("unknown-kid").generate();
        assertRefused(genuine, "unknown-kid", sign(genuine.claims(), stranger, stranger.getKeyID()));
        assertRefused(genuine, "borrowed-kid", sign(genuine.claims(), stranger, signingKey().getKeyID()));
    }

    @Test
    void personTokenWhenAlgorithmNoneThenUnauthorizedAndNothingChanges() throws Exception {
        Genuine genuine = genuine();
        assertRefused(genuine, "alg-none", new PlainJWT(genuine.claims()).serialize());
    }

    @Test
    void personTokenWhenHmacSignedThenUnauthorizedAndNothingChanges() throws Exception {
        Genuine genuine = genuine();
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(signingKey().getKeyID()).build(),
                genuine.claims());
        hmac.sign(new MACSigner(signingKey().toPublicKey().getEncoded()));
        assertRefused(genuine, "hs256", hmac.serialize());
    }

    @Test
    void personTokenWhenAccountIsAnotherThenUnauthorizedAndNothingChanges() throws Exception {
        Genuine genuine = genuine();
        String otherAccount = ok(accounts.newAccount().get("/api/accounts")).body().get(0).get("id").asString();
        assertRefused(genuine, "other-account", genuine.signed(claims -> claims.claim("account_id", otherAccount)));
    }

    private record Genuine(String token, JWTClaimsSet claims, PersonTokensTest test) {

        String signed(UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
            return sign(change.apply(new JWTClaimsSet.Builder(claims)).build(), test.signingKey(),
                    test.signingKey().getKeyID());
        }
    }

    /** An admin's genuine token, so that the forged ones would be able to change things if accepted. */
    private Genuine genuine() throws Exception {
        String admin = person("admin");
        String token = signIn.deviceFlowAccessToken(emailOf(admin), PASSWORD);
        return new Genuine(token, SignedJWT.parse(token).getJWTClaimsSet(), this);
    }

    /** The forged token gets 401 for a read, a write and an enrollment, and none of them did anything. */
    private void assertRefused(Genuine genuine, String label, String forged) {
        NetloomApi.Client forger = api.withBearer(forged);
        assertThat(error(forger.get("/api/users/current"), 401).text("message")).as(label)
                .startsWith("authentication required");
        error(forger.post("/api/groups", Map.of("name", "forged-" + label)), 401);
        error(forger.post("/api/netloom/enroll", personEnrollment(TestPeers.newPublicKey(), "forged")), 401);
        assertThat(ok(owner.get("/api/groups")).body().findValuesAsString("name")).as(label)
                .doesNotContain("forged-" + label);
        assertThat(ids(owner.get("/api/peers"))).as(label).isEmpty();
        ok(api.withBearer(genuine.token()).get("/api/users/current"));
    }

    private final Map<String, String> emails = new LinkedHashMap<>();

    /** A person of the account with a password of their own (no change pending). */
    private String person(String role) {
        String email = role + "-" + System.nanoTime() + "@example.org";
        String id = ok(owner.post("/api/users", regularUser(email, role))).text("id");
        ok(owner.put("/api/netloom/users/{userId}/password", Map.of("password", PASSWORD, "change_required", false), id));
        emails.put(id, email);
        return id;
    }

    private String emailOf(String userId) {
        return emails.get(userId);
    }

    private static Map<String, Object> personEnrollment(String publicKey, String hostname) {
        return Map.of("wireguard_public_key", publicKey, "hostname", hostname, "os", "linux",
                "kernel_version", "6.1.0", "daemon_version", "0.1.0");
    }

    private static String sign(JWTClaimsSet claims, RSAKey key, String kid) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private RSAKey signingKey() {
        try {
            return ring.signingKey().get(new JWKSelector(new JWKMatcher.Builder().build()), null).get(0).toRSAKey();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
