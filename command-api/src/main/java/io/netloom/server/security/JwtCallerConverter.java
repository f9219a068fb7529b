package io.netloom.server.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Resolves a JWT to a live, unblocked user on every request: one traded for a personal access token
 * only while that token still exists; one issued to a person who signed in (no token id) only for
 * that person in that account.
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
        String tokenId = jwt.getClaimAsString(TOKEN_CLAIM);
        if (tokenId == null) {
            return callers.byPersonJwt(jwt.getSubject(), jwt.getClaimAsString(ACCOUNT_CLAIM))
                    .map(CallerAuthentication::signedInPerson)
                    .orElseThrow(() -> new InvalidBearerTokenException(
                            "the token's user no longer exists in its account, or the user is blocked"));
        }
        return callers.byJwt(jwt.getSubject(), tokenId)
                .map(CallerAuthentication::new)
                .orElseThrow(() -> new InvalidBearerTokenException(
                        "the token's user or its personal access token no longer exists, or the user is blocked"));
    }
}
