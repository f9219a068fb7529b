package io.netloom.server.metrics;

import io.netloom.server.security.JsonErrors;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The management port (ADR 0050): the liveness and readiness probes answer anyone with a status and nothing more,
 * the Prometheus scrape takes the scrape token, the read-model check the operator's token (ADR 0053), and everything
 * else there does not exist. The matcher takes only
 * requests served by the management context, so on the API's port {@code /actuator/**} falls through to the chain
 * that answers 404 for whatever is not the API.
 */
@Configuration(proxyBeanMethods = false)
public class ManagementSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain managementChain(HttpSecurity http, ManagementTokens tokens, JsonErrors errors,
            WebEndpointProperties endpoints) throws Exception {
        RequestMatcher scrape = EndpointRequest.to("prometheus");
        RequestMatcher readModels = EndpointRequest.to("readmodels");
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        String health = endpoints.getBasePath() + "/health/";
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new ManagementTokenFilter(tokens), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(paths.matcher(HttpMethod.GET, health + "liveness"),
                                paths.matcher(HttpMethod.GET, health + "readiness")).permitAll()
                        .requestMatchers(scrape).hasAuthority(ManagementTokens.SCRAPE_AUTHORITY)
                        .requestMatchers(readModels).hasAuthority(ManagementTokens.OPERATOR_AUTHORITY)
                        .anyRequest().denyAll())
                .exceptionHandling(handling -> handling
                        .defaultAuthenticationEntryPointFor((request, response, failure) -> errors.write(response, 401,
                                "authentication required: send 'Authorization: Bearer <scrape token>', the token in"
                                        + " the file netloom.metrics.token-file names (<data-dir>/keys/metrics-token)"),
                                scrape)
                        .defaultAuthenticationEntryPointFor((request, response, failure) -> errors.write(response, 401,
                                "authentication required: send 'Authorization: Bearer <operator token>', the token in"
                                        + " the file netloom.metrics.operator-token-file names"
                                        + " (<data-dir>/keys/operator-token)"),
                                readModels)
                        .defaultAuthenticationEntryPointFor(
                                (request, response, failure) -> errors.write(response, 404, "not found"),
                                AnyRequestMatcher.INSTANCE)
                        .accessDeniedHandler((request, response, denied) -> {
                            if (readModels.matches(request)) {
                                errors.write(response, 403, "the read-model check takes the operator token"
                                        + " (<data-dir>/keys/operator-token), not the scrape token");
                            } else {
                                errors.write(response, 404, "not found");
                            }
                        }));
        return http.build();
    }
}
