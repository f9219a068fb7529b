package io.netloom.testsupport.keycloak;

import java.util.List;

/**
 * A confidential OAuth client as {@link KeycloakAdmin#createConfidentialClient} makes it: what a server that
 * federates sign-in to Keycloak (Netloom's authorization server) registers as.
 *
 * @param redirectUris where Keycloak may send the person back to (exact URIs or Keycloak's {@code *} patterns)
 * @param groupsClaim the claim that carries the user's group names
 */
public record ConfidentialClient(String clientId, String secret, List<String> redirectUris, String groupsClaim) {

    public ConfidentialClient {
        redirectUris = List.copyOf(redirectUris);
    }
}
