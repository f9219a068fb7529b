package io.netloom.daemon.login;

import java.net.URI;
import java.util.Optional;

/**
 * The endpoints of an OpenID Connect issuer, from its discovery document.
 *
 * @param deviceAuthorizationEndpoint empty when the issuer offers no device authorization grant (RFC 8628)
 */
public record OidcProvider(String issuer, URI authorizationEndpoint, URI tokenEndpoint,
        Optional<URI> deviceAuthorizationEndpoint) {
}
