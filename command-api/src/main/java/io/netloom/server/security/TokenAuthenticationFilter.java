package io.netloom.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** NetBird's {@code Authorization: Token <personal access token>} scheme. */
final class TokenAuthenticationFilter extends OncePerRequestFilter {

    private static final String SCHEME = "Token";

    private final Callers callers;
    private final JsonErrors errors;

    TokenAuthenticationFilter(Callers callers, JsonErrors errors) {
        this.callers = callers;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> token = AuthorizationHeader.credentials(request, SCHEME);
        if (token.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        var caller = callers.byPersonalAccessToken(token.get());
        if (caller.isEmpty()) {
            errors.write(response, HttpServletResponse.SC_UNAUTHORIZED, "token invalid, expired or its user is blocked");
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(new CallerAuthentication(caller.get()));
        chain.doFilter(request, response);
    }
}
