package io.netloom.daemon.login;

import java.net.URI;
import java.util.Optional;

/** Reads an issuer's discovery document ({@code <issuer>/.well-known/openid-configuration}, OIDC Discovery 4). */
final class OidcDiscovery {

    private OidcDiscovery() {
    }

    static OidcProvider discover(OidcHttp http, URI server) throws LoginException {
        String base = server.toString().replaceAll("/+$", "");
        URI document = URI.create(base + "/.well-known/openid-configuration");
        OidcHttp.Answer answer = http.get(document);
        if (answer.status() != 200) {
            throw new LoginException(server + " offers no sign-in (" + document + " answered " + answer.status()
                    + "); it may need a setup key instead (--setup-key)");
        }
        String issuer = answer.text("issuer");
        // OIDC Discovery 4.3: the issuer must be the URL the document was fetched from, else it is not this server's.
        if (issuer == null || !issuer.replaceAll("/+$", "").equals(base)) {
            throw new LoginException("the discovery document of " + server + " names another issuer (" + issuer
                    + "); refusing to sign in");
        }
        URI authorization = endpoint(http, answer, "authorization_endpoint").orElse(null);
        URI token = endpoint(http, answer, "token_endpoint")
                .orElseThrow(() -> new LoginException(document + " names no token endpoint"));
        return new OidcProvider(issuer, authorization, token, endpoint(http, answer, "device_authorization_endpoint"));
    }

    private static Optional<URI> endpoint(OidcHttp http, OidcHttp.Answer answer, String name) throws LoginException {
        String value = answer.text(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(http.requireAllowed(new URI(value)));
        } catch (java.net.URISyntaxException e) {
            throw new LoginException("the discovery document's " + name + " is not a URL");
        }
    }
}
