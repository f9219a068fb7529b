package io.netloom.server.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Resolves a JWT to a live, unblocked user on every request, and only while the personal access
 * token it was issued for still exists.
 */
final class JwtCallerConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String ACCOUNT_CLAIM = "account_id";
    static final String TOKEN_CLAIM = "token_id";

    private final Callers callers;

    JwtCallerConverter(Callers callers) {
        this.callers = callers;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        return callers.byJwt(jwt.getSubject(), jwt.getClaimAsString(TOKEN_CLAIM))
                .map(CallerAuthentication::new)
                .orElseThrow(() -> new InvalidBearerTokenException(
                        "the token's user or its personal access token no longer exists, or the user is blocked"));
    }
}
