package io.netloom.server.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The web console's files are public: they hold no data, and the page signs its person in at the issuer before it
 * asks the API for anything. Only reads are served, without a session, and every answer forbids the page to load
 * or send anything anywhere but this origin, to be framed, or to leak its URL (which carries the authorization
 * code on the way back from the sign-in) in a Referer header.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSecurity {

    /** Scripts and styles from the console's own files only: no inline code an injected string could become. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    /**
     * The issuer's sign-in pages run no script at all. No form-action: a sign-in ends in redirects to wherever the
     * client asked (the CLI's loopback address), which Chromium would check against it.
     */
    public static final String SIGN_IN_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self';"
            + " img-src 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static final String[] PATHS = {ConsolePage.PATH, ConsoleResources.CONSOLE_PATTERN,
            ConsoleResources.WEBJARS_PATTERN};

    /** Ordered with the API's chain, before the one that answers everything else with 404; the paths are disjoint. */
    @Bean
    @Order(3)
    SecurityFilterChain consoleChain(HttpSecurity http) throws Exception {
        http.securityMatcher(reads())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frame -> frame.deny())
                        // ConsoleResources says how long each file may be cached.
                        .cacheControl(cache -> cache.disable()));
        return http.build();
    }

    private static RequestMatcher reads() {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher[] matchers = new RequestMatcher[PATHS.length * 2];
        for (int i = 0; i < PATHS.length; i++) {
            matchers[2 * i] = paths.matcher(HttpMethod.GET, PATHS[i]);
            matchers[2 * i + 1] = paths.matcher(HttpMethod.HEAD, PATHS[i]);
        }
        return new OrRequestMatcher(matchers);
    }
}
