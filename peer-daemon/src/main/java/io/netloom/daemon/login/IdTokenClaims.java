package io.netloom.daemon.login;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.daemon.DaemonJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The claims of an ID token this device received straight from the issuer's token endpoint over a connection
 * whose server it verified: OIDC Core 3.1.3.7 lets such a client rely on TLS instead of the signature. The
 * claims that bind the token to this sign-in are still checked: issuer, audience, expiry, and the nonce of a
 * browser sign-in. The server that accepts the access token verifies its signature.
 */
record IdTokenClaims(String subject, String email, String name, List<String> groups, Instant expiresAt) {

    static IdTokenClaims read(String idToken, String issuer, String clientId, String nonce, Instant now)
            throws LoginException {
        JsonNode claims = payload(idToken);
        if (!issuer.equals(text(claims, "iss"))) {
            throw new LoginException("the ID token was issued by " + text(claims, "iss") + ", not by " + issuer);
        }
        JsonNode audience = claims.path("aud");
        boolean forThisClient = audience.isArray() ? containsText(audience, clientId) : clientId.equals(audience.asText());
        if (!forThisClient) {
            throw new LoginException("the ID token is not meant for client " + clientId);
        }
        if (nonce != null && !nonce.equals(text(claims, "nonce"))) {
            throw new LoginException("the ID token does not answer this sign-in (wrong nonce); nothing was saved");
        }
        Instant expiresAt = Instant.ofEpochSecond(claims.path("exp").asLong(0));
        if (!expiresAt.isAfter(now)) {
            throw new LoginException("the ID token had expired when it arrived (is this device's clock right?)");
        }
        String subject = text(claims, "sub");
        if (subject == null) {
            throw new LoginException("the ID token names no subject");
        }
        String name = text(claims, "name") != null ? text(claims, "name") : text(claims, "preferred_username");
        List<String> groups = new ArrayList<>();
        claims.path("groups").forEach(group -> {
            if (group.isTextual()) {
                groups.add(group.asText());
            }
        });
        return new IdTokenClaims(subject, text(claims, "email"), name, List.copyOf(groups), expiresAt);
    }

    private static JsonNode payload(String idToken) throws LoginException {
        String[] parts = idToken == null ? new String[0] : idToken.split("\\.");
        if (parts.length != 3) {
            throw new LoginException("the issuer sent no readable ID token");
        }
        try {
            JsonNode claims = DaemonJson.MAPPER.readTree(
                    new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            if (!claims.isObject()) {
                throw new LoginException("the issuer sent no readable ID token");
            }
            return claims;
        } catch (IOException | IllegalArgumentException e) {
            throw new LoginException("the issuer sent no readable ID token");
        }
    }

    private static boolean containsText(JsonNode array, String value) {
        for (JsonNode element : array) {
            if (value.equals(element.asText())) {
                return true;
            }
        }
        return false;
    }

    private static String text(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
