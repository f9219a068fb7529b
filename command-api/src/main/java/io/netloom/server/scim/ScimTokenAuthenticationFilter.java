package io.netloom.server.scim;

import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.ScimTokenView;
import io.netloom.server.security.AuthorizationHeader;
import io.netloom.server.security.SecretTokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <SCIM token>}, looked up by its SHA-256 hash. A personal access token or a JWT is no
 * SCIM token: its hash is in no SCIM token's place, so it fails like an unknown one.
 */
final class ScimTokenAuthenticationFilter extends OncePerRequestFilter {

    private static final String SCHEME = "Bearer";

    private final Directory directory;
    private final ScimErrors errors;
    private final Clock clock;

    ScimTokenAuthenticationFilter(Directory directory, ScimErrors errors, Clock clock) {
        this.directory = directory;
        this.errors = errors;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> presented = AuthorizationHeader.credentials(request, SCHEME);
        if (presented.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ScimTokenView> token = directory.scimTokenByHash(SecretTokens.hash(presented.get()))
                .filter(known -> !known.isExpiredAt(clock.instant()));
        if (token.isEmpty()) {
            errors.write(response, HttpServletResponse.SC_UNAUTHORIZED, "SCIM token invalid, expired or revoked");
            return;
        }
        ScimTokenView valid = token.get();
        SecurityContextHolder.getContext().setAuthentication(new ScimAuthentication(
                new ScimClient(valid.id(), valid.accountId(), valid.boundProvider())));
        chain.doFilter(request, response);
    }
}
