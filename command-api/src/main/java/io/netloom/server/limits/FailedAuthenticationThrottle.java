package io.netloom.server.limits;

import io.netloom.server.security.JsonErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down guessing of secrets: a source address that failed too often to authenticate — with a
 * setup key at enrollment, with a token at {@code /oauth2/token}, with {@code Token}/{@code Bearer}
 * credentials on the API, or with a password on the sign-in page — is answered 429 with {@code Retry-After} before anything looks at the
 * secret it sent. A failure is a 401 answer; successful requests are never counted, so a busy but
 * honest client (1,200 enrollments a second from one address in the benchmark) is never throttled.
 * Each kind of secret has its own allowance, so a script with a stale token does not block
 * enrollments from the same network.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class FailedAuthenticationThrottle extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(FailedAuthenticationThrottle.class);

    private final Map<Secret, FailureLimiter> limiters = new EnumMap<>(Secret.class);
    private final Clock clock;
    private final JsonErrors errors;

    public FailedAuthenticationThrottle(LimitsProperties limits, Clock clock, JsonErrors errors) {
        for (Secret secret : Secret.values()) {
            limiters.put(secret, new FailureLimiter(limits.failedAttempts(), limits.failureWindow(),
                    limits.trackedAddresses()));
        }
        this.clock = clock;
        this.errors = errors;
    }

    /** The kinds of secret a request can present, each with its own allowance. */
    enum Secret {
        SETUP_KEY("enrollment"),
        TOKEN_ENDPOINT("token endpoint"),
        API_CREDENTIALS("API credentials"),
        PASSWORD("password sign-in");

        private final String description;

        Secret(String description) {
            this.description = description;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Secret> presented = presentedSecret(request);
        if (presented.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        FailureLimiter limiter = limiters.get(presented.get());
        String source = SourceAddresses.keyOf(request.getRemoteAddr());
        Optional<Duration> wait = limiter.blockedFor(source, clock.millis());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            response.setHeader("Retry-After", Long.toString(seconds));
            errors.write(response, 429, "too many failed authentication attempts from this address; retry in "
                    + seconds + " s");
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED
                && limiter.recordFailure(source, clock.millis())) {
            log.warn("Refusing {} attempts from {} for a while after repeated authentication failures",
                    presented.get().description, source);
        }
    }

    /** Which secret the request stakes, judged from its path as the servlet container normalised it. */
    static Optional<Secret> presentedSecret(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if ("POST".equals(request.getMethod()) && "/api/netloom/enroll".equals(path)) {
            return Optional.of(Secret.SETUP_KEY);
        }
        if ("POST".equals(request.getMethod()) && "/login".equals(path)) {
            return Optional.of(Secret.PASSWORD);
        }
        if ("/oauth2/token".equals(path)) {
            return Optional.of(Secret.TOKEN_ENDPOINT);
        }
        boolean authenticatedPath = path.startsWith("/api/") || path.startsWith("/scim/");
        if (authenticatedPath && hasCredentials(request.getHeader("Authorization"))) {
            return Optional.of(Secret.API_CREDENTIALS);
        }
        return Optional.empty();
    }

    private static boolean hasCredentials(String authorization) {
        return authorization != null && (authorization.regionMatches(true, 0, "Token ", 0, 6)
                || authorization.regionMatches(true, 0, "Bearer ", 0, 7));
    }
}
