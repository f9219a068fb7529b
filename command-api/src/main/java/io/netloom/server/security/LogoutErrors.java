package io.netloom.server.security;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/** Why an RP-initiated logout request (OpenID Connect RP-Initiated Logout 1.0) was refused, for its 400 answer. */
final class LogoutErrors {

    private LogoutErrors() {
    }

    static String describe(AuthenticationException failure) {
        if (!(failure instanceof OAuth2AuthenticationException oauth)) {
            return "invalid_request";
        }
        OAuth2Error error = oauth.getError();
        return error.getErrorCode() + (error.getDescription() == null ? "" : " (" + error.getDescription() + ")");
    }
}
