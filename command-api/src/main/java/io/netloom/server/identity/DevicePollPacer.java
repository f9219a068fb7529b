package io.netloom.server.identity;

import io.netloom.server.security.SecretTokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * RFC 8628 section 3.5: a device that polls the token endpoint for its device code sooner than the
 * interval ({@code netloom.identity.device-poll-interval}, which the device authorization response states)
 * is told {@code slow_down}; it must then wait 5 s longer between polls. Only the hash of a device
 * code is remembered, for the most recent codes.
 */
public final class DevicePollPacer extends OncePerRequestFilter {

    private static final int TRACKED_CODES = 10_000;
    private static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    private final String tokenEndpoint;
    private final Duration interval;
    private final Clock clock;
    private final Map<String, Long> lastPollMillis = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > TRACKED_CODES;
        }
    };

    public DevicePollPacer(String tokenEndpoint, Duration interval, Clock clock) {
        this.tokenEndpoint = tokenEndpoint;
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String deviceCode = request.getParameter("device_code");
        if (!"POST".equals(request.getMethod()) || !tokenEndpoint.equals(request.getServletPath())
                || !DEVICE_CODE_GRANT.equals(request.getParameter("grant_type")) || deviceCode == null) {
            chain.doFilter(request, response);
            return;
        }
        long now = clock.millis();
        Long previous;
        String key = SecretTokens.hash(deviceCode);
        synchronized (lastPollMillis) {
            previous = lastPollMillis.put(key, now);
        }
        if (previous != null && now - previous < interval.toMillis()) {
            response.setStatus(400);
            response.setContentType("application/json");
            response.setHeader("Cache-Control", "no-store");
            response.getWriter().write("{\"error\":\"slow_down\",\"error_description\":\"poll at most every "
                    + interval.toSeconds() + " s, and 5 s less often after each slow_down\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
