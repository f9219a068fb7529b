package io.netloom.server.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A public client using the device grant proves nothing but its id (RFC 8628 section 3.1 and 3.4):
 * the authorization server's own public-client support requires PKCE, which the device grant does
 * not have. Only clients registered with authentication method {@code none} pass this way.
 */
public final class DeviceClientAuthentication {

    /** Marks a client authentication this converter made, so the provider handles no other. */
    private static final String DEVICE_REQUEST = DeviceClientAuthentication.class.getName();

    private DeviceClientAuthentication() {
    }

    /** Reads {@code client_id} from a device authorization request or a device-code token request. */
    public static AuthenticationConverter converter(String deviceAuthorizationEndpoint, String tokenEndpoint) {
        return (HttpServletRequest request) -> {
            if (!"POST".equals(request.getMethod())) {
                return null;
            }
            String path = request.getServletPath();
            boolean deviceAuthorization = deviceAuthorizationEndpoint.equals(path);
            boolean deviceToken = tokenEndpoint.equals(path) && AuthorizationGrantType.DEVICE_CODE.getValue()
                    .equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE));
            String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
            if (!(deviceAuthorization || deviceToken) || clientId == null || clientId.isBlank()
                    || request.getParameterValues(OAuth2ParameterNames.CLIENT_ID).length != 1
                    || request.getHeader("Authorization") != null
                    || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null) {
                return null;
            }
            return new OAuth2ClientAuthenticationToken(clientId, ClientAuthenticationMethod.NONE, null,
                    Map.of(DEVICE_REQUEST, true));
        };
    }

    public static AuthenticationProvider provider(RegisteredClientRepository clients) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                OAuth2ClientAuthenticationToken presented = (OAuth2ClientAuthenticationToken) authentication;
                // Public clients of the code grant prove themselves with PKCE: that is not this provider's to skip.
                if (!ClientAuthenticationMethod.NONE.equals(presented.getClientAuthenticationMethod())
                        || !Boolean.TRUE.equals(presented.getAdditionalParameters().get(DEVICE_REQUEST))) {
                    return null;
                }
                RegisteredClient client = clients.findByClientId(String.valueOf(presented.getPrincipal()));
                if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
                        || !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.DEVICE_CODE)) {
                    throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
                }
                return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }
}
