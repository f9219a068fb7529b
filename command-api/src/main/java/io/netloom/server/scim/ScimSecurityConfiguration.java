package io.netloom.server.scim;

import io.netloom.projections.directory.Directory;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * /scim/v2 takes SCIM tokens and nothing else: no personal access token, no JWT, no session (ADR 0026). Its chain
 * sits before the catch-all chain that answers 404 for everything unknown.
 */
@Configuration(proxyBeanMethods = false)
public class ScimSecurityConfiguration {

    @Bean
    @Order(3)
    SecurityFilterChain scimChain(HttpSecurity http, Directory directory, ScimErrors errors, Clock clock)
            throws Exception {
        http.securityMatcher(ScimMedia.BASE_PATH, ScimMedia.BASE_PATH + "/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .addFilterBefore(new ScimTokenAuthenticationFilter(directory, errors, clock),
                        AnonymousAuthenticationFilter.class)
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, failure) -> errors.write(response, 401,
                                "authentication required: send 'Authorization: Bearer <SCIM token>'"))
                        .accessDeniedHandler((request, response, denied) -> errors.write(response, 403,
                                "permission denied")));
        return http.build();
    }
}
