package io.netloom.server.identity.logout;

/**
 * A logout token that OIDC Back-Channel Logout 1.0 section 2.6 says to reject: the provider is told why (400,
 * {@code invalid_request}) and nothing changes. The message never contains the token.
 */
public final class InvalidLogoutTokenException extends RuntimeException {

    public InvalidLogoutTokenException(String description) {
        super(description, null, false, false);
    }
}
