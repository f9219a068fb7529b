package io.netloom.server.identity;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The {@code netloom} CLI as an OAuth client: public (it keeps no secret), signing people in with the
 * device authorization grant (RFC 8628) or the authorization code grant with PKCE (RFC 7636, S256 only)
 * on a loopback redirect (RFC 8252: any port, path {@code /callback}). It gets no refresh token: the
 * access token serves one enrollment, and a device signs in again with a new login.
 */
public final class NetloomCliClient {

    /** The redirect URIs, ports left out: a loopback redirect may use any port (RFC 8252 section 7.3). */
    public static final String LOOPBACK_REDIRECT_V4 = "http://127.0.0.1/callback";
    public static final String LOOPBACK_REDIRECT_V6 = "http://[::1]/callback";

    private NetloomCliClient() {
    }

    public static RegisteredClient of(IdentityProperties identity) {
        return PublicPersonClients.named(identity.cliClientId(), "Netloom CLI")
                .authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(LOOPBACK_REDIRECT_V4)
                .redirectUri(LOOPBACK_REDIRECT_V6)
                .tokenSettings(PublicPersonClients.tokens(identity).deviceCodeTimeToLive(identity.deviceCodeTtl())
                        .build())
                .build();
    }
}
