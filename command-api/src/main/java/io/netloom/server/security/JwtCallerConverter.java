package io.netloom.server.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/** Resolves a JWT's subject to a live, unblocked user on every request. */
final class JwtCallerConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final Callers callers;

    JwtCallerConverter(Callers callers) {
        this.callers = callers;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        return callers.byUserId(jwt.getSubject())
                .map(CallerAuthentication::new)
                .orElseThrow(() -> new InvalidBearerTokenException("the token's user does not exist or is blocked"));
    }
}
