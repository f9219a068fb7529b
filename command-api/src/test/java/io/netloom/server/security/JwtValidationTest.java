package io.netloom.server.security;

import static io.netloom.server.testing.TestData.createToken;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.ids;
import static io.netloom.server.testing.TestData.ok;
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
import io.netloom.server.testing.ServerTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A JWT is accepted only when this server signed it with a published key (RS256), it is within its
 * validity, names this server's configured issuer and Netloom's API as audience. Each forgery below
 * differs from a genuine token in exactly one of these, so each check is proved on its own.
 */
class JwtValidationTest extends ServerTest {

    @Autowired
    private SigningKeyRing ring;

    @Autowired
    private IssuerUrl issuer;

    private NetloomApi.Client owner;
    private String genuine;
    private JWTClaimsSet genuineClaims;

    @BeforeEach
    void issueGenuineToken() throws Exception {
        owner = accounts.newAccount();
        String bot = createUser(owner, serviceUser("bot", "admin"));
        String plain = createToken(owner, bot);
        String tokenId = ids(owner.get("/api/users/{userId}/tokens", bot)).get(0);
        String form = "grant_type=client_credentials";
        String response = http("POST /oauth2/token HTTP/1.0\r\nHost: localhost\r\nAuthorization: Basic "
                + Base64.getEncoder().encodeToString((tokenId + ":" + plain).getBytes(StandardCharsets.UTF_8))
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length()
                + "\r\n\r\n" + form);
        genuine = api.json().readTree(body(response)).get("access_token").asString();
        genuineClaims = SignedJWT.parse(genuine).getJWTClaimsSet();
    }

    @Test
    void apiWhenGenuineTokenThenAcceptedAndItNamesIssuerAudienceAndSigningKey() throws Exception {
        ok(api.withBearer(genuine).get("/api/users/current"));
        assertThat(genuineClaims.getIssuer()).isEqualTo(issuer.value());
        assertThat(genuineClaims.getAudience()).contains(JwtValidation.API_AUDIENCE);
        assertThat(SignedJWT.parse(genuine).getHeader().getKeyID()).isEqualTo(signingKey().getKeyID());
        JsonNode jwks = api.json().readTree(body(http("GET /oauth2/jwks HTTP/1.0\r\nHost: localhost\r\n\r\n")));
        assertThat(jwks.get("keys").findValuesAsString("kid")).contains(signingKey().getKeyID());
    }

    @Test
    void apiWhenIssuerIsAnotherThenUnauthorizedAndNothingChanges() throws Exception {
        assertRefused("wrong-iss", signed(claims -> claims.issuer("https://evil.example")));
        assertRefused("no-iss", signed(claims -> claims.issuer(null)));
    }

    @Test
    void apiWhenAudienceIsAnotherThenUnauthorizedAndNothingChanges() throws Exception {
        assertRefused("wrong-aud", signed(claims -> claims.audience("another-api")));
        assertRefused("no-aud", signed(claims -> claims.audience((String) null)));
    }

    @Test
    void apiWhenExpiredThenUnauthorizedAndNothingChanges() throws Exception {
        Instant past = Instant.now().minusSeconds(15 * 60);
        assertRefused("expired", signed(claims -> claims.issueTime(Date.from(past)).notBeforeTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(5 * 60)))));
        assertRefused("no-exp", signed(claims -> claims.expirationTime(null)));
    }

    @Test
    void apiWhenNotYetValidThenUnauthorizedAndNothingChanges() throws Exception {
        Instant future = Instant.now().plusSeconds(10 * 60);
        assertRefused("not-yet-valid", signed(claims -> claims.notBeforeTime(Date.from(future))
                .expirationTime(Date.from(future.plusSeconds(5 * 60)))));
    }

    @Test
    void apiWhenSignedByUnknownKeyThenUnauthorizedAndNothingChanges() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("unknown-kid").generate();
        assertRefused("unknown-kid", sign(genuineClaims, stranger, stranger.getKeyID()));
        // The published kid does not help a key that is not the published one.
        assertRefused("borrowed-kid", sign(genuineClaims, stranger, signingKey().getKeyID()));
    }

    @Test
    void apiWhenAlgorithmNoneThenUnauthorizedAndNothingChanges() {
        assertRefused("alg-none", new PlainJWT(genuineClaims).serialize());
    }

    @Test
    void apiWhenHmacSignedWithThePublicKeyThenUnauthorizedAndNothingChanges() throws Exception {
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(signingKey().getKeyID()).build(),
                genuineClaims);
        hmac.sign(new MACSigner(signingKey().toPublicKey().getEncoded()));
        assertRefused("hs256", hmac.serialize());
    }

    @Test
    void discoveryWhenHostHeaderForgedThenConfiguredIssuerAnyway() throws Exception {
        JsonNode discovery = api.json().readTree(body(http("GET /.well-known/openid-configuration HTTP/1.0\r\n"
                + "Host: evil.example\r\nX-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: http\r\n\r\n")));

        assertThat(discovery.get("issuer").asString()).isEqualTo(issuer.value()).doesNotContain("evil");
        assertThat(discovery.get("token_endpoint").asString()).isEqualTo(issuer.value() + "/oauth2/token");
        assertThat(discovery.get("jwks_uri").asString()).isEqualTo(issuer.value() + "/oauth2/jwks");
    }

    @Test
    void tokenEndpointWhenHostHeaderForgedThenTokenNamesConfiguredIssuer() throws Exception {
        String bot = createUser(owner, serviceUser("bot2", "admin"));
        String plain = createToken(owner, bot);
        String tokenId = ids(owner.get("/api/users/{userId}/tokens", bot)).get(0);
        String form = "grant_type=client_credentials&client_id=" + tokenId + "&client_secret=" + plain;
        String response = http("POST /oauth2/token HTTP/1.0\r\nHost: evil.example\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\n\r\n" + form);

        String token = api.json().readTree(body(response)).get("access_token").asString();
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getIssuer()).isEqualTo(issuer.value());
        ok(api.withBearer(token).get("/api/users/current"));
    }

    /** The forged token gets a 401 with the JSON error body for a read and a write, and the write did nothing. */
    private void assertRefused(String label, String forged) {
        NetloomApi.Client forger = api.withBearer(forged);
        assertThat(error(forger.get("/api/users/current"), 401).body().get("message").asString()).as(label)
                .startsWith("authentication required");
        error(forger.post("/api/groups", Map.of("name", "forged-" + label)), 401);
        assertThat(ok(owner.get("/api/groups")).body().findValuesAsString("name")).as(label)
                .doesNotContain("forged-" + label);
        ok(api.withBearer(genuine).get("/api/users/current"));
    }

    private String signed(UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
        return sign(change.apply(new JWTClaimsSet.Builder(genuineClaims)).build(), signingKey(), signingKey().getKeyID());
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

    /** A raw HTTP/1.0 exchange, so that the Host header is whatever the test says. */
    private String http(String request) throws IOException {
        int port = Integer.parseInt(api.baseUrl().substring(api.baseUrl().lastIndexOf(':') + 1));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200");
            return response;
        }
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }
}
