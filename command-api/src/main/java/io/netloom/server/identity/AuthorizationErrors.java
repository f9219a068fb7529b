package io.netloom.server.identity;

import io.netloom.server.security.JsonErrors;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Answers a refused authorization request as RFC 6749 section 4.1.2.1 says: back to the client's
 * redirect URI with the error when that URI was found valid, otherwise (an unknown client, a
 * redirect URI that is not registered) a 400 to the browser itself, never a redirect to an
 * unverified place. The authorization server's own answer for the latter is a servlet error, which
 * this server (no error pages) would show as a 404.
 */
public final class AuthorizationErrors {

    private AuthorizationErrors() {
    }

    public static AuthenticationFailureHandler handler(JsonErrors errors) {
        return (request, response, failure) -> {
            OAuth2Error error = failure instanceof OAuth2AuthenticationException oauth ? oauth.getError()
                    : new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST);
            OAuth2AuthorizationCodeRequestAuthenticationToken authorizationRequest =
                    failure instanceof OAuth2AuthorizationCodeRequestAuthenticationException codeRequest
                            ? codeRequest.getAuthorizationCodeRequestAuthentication() : null;
            if (authorizationRequest == null || !StringUtils.hasText(authorizationRequest.getRedirectUri())) {
                errors.write(response, 400, "invalid authorization request: " + error.getErrorCode()
                        + (error.getDescription() == null ? "" : " (" + error.getDescription() + ")"));
                return;
            }
            UriComponentsBuilder redirect = UriComponentsBuilder.fromUriString(authorizationRequest.getRedirectUri())
                    .queryParam("error", error.getErrorCode());
            if (StringUtils.hasText(error.getDescription())) {
                redirect.queryParam("error_description", error.getDescription());
            }
            if (StringUtils.hasText(authorizationRequest.getState())) {
                redirect.queryParam("state", authorizationRequest.getState());
            }
            response.sendRedirect(redirect.encode().build().toUriString());
        };
    }
}
