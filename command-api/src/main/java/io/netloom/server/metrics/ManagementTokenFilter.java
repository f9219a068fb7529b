package io.netloom.server.metrics;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request on the management port that carries one of its tokens ({@link ManagementTokens}) as
 * {@code Authorization: Bearer}, with that token's authority; any other request goes on anonymous, and the chain's
 * rules decide what an anonymous caller may see.
 */
final class ManagementTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ManagementTokens tokens;

    ManagementTokenFilter(ManagementTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        Optional<String> authority = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? tokens.authorityOf(header.substring(BEARER.length()).trim()) : Optional.empty();
        authority.ifPresent(granted -> {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(granted, null,
                    List.of(new SimpleGrantedAuthority(granted))));
            SecurityContextHolder.setContext(context);
        });
        chain.doFilter(request, response);
    }
}
