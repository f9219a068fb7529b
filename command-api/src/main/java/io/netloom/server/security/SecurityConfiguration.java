package io.netloom.server.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.netloom.domain.ids.TokenId;
import io.netloom.projections.directory.Directory;
import io.netloom.server.config.NetloomProperties;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * No endpoint is open: the admin API takes a personal access token ({@code Token}) or a JWT from the
 * embedded authorization server ({@code Bearer}); enrollment is authenticated by the setup key in
 * its body; only the OIDC discovery and key-set documents are public, as the standard requires.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    static final String ENROLLMENT_PATH = "/api/netloom/enroll";

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, JsonErrors errors, Clock clock) throws Exception {
        http.oauth2AuthorizationServer(server -> http.securityMatcher(server.getEndpointsMatcher())
                        .with(server, configurer -> configurer.oidc(oidc -> { })))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(handling -> handling.authenticationEntryPoint(
                        (request, response, failure) -> errors.write(response, 401, "authentication required")));
        SecurityFilterChain chain = http.build();
        // Tokens are stamped by the clock that checks them and rotates the keys that sign them.
        JwtGenerator generator = http.getSharedObject(JwtGenerator.class);
        if (generator == null) {
            throw new IllegalStateException("the authorization server built no JWT generator");
        }
        generator.setClock(clock);
        return chain;
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiChain(HttpSecurity http, Callers callers, JsonErrors errors, JwtDecoder jwtDecoder)
            throws Exception {
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, ENROLLMENT_PATH).permitAll()
                        .anyRequest().authenticated())
                .addFilterBefore(new TokenAuthenticationFilter(callers, errors), BearerTokenAuthenticationFilter.class)
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(new JwtCallerConverter(callers)))
                        .authenticationEntryPoint((request, response, failure) ->
                                errors.write(response, 401, "authentication required: " + failure.getMessage())))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, failure) -> errors.write(response, 401,
                                "authentication required: send 'Authorization: Token <personal access token>'"
                                        + " or 'Authorization: Bearer <JWT>'"))
                        .accessDeniedHandler((request, response, denied) -> errors.write(response, 403,
                                "permission denied")));
        return http.build();
    }

    /** Anything that is neither the API nor the authorization server does not exist. */
    @Bean
    @Order(3)
    SecurityFilterChain everythingElseChain(HttpSecurity http, JsonErrors errors) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().denyAll())
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, failure) -> errors.write(response, 404, "not found"))
                        .accessDeniedHandler((request, response, denied) -> errors.write(response, 404, "not found")));
        return http.build();
    }

    @Bean
    IssuerUrl issuerUrl(NetloomProperties properties, Environment environment) {
        return IssuerUrl.resolve(properties, environment);
    }

    @Bean
    SigningKeyRing signingKeyRing(NetloomProperties properties, JwtProperties jwt, Clock clock) throws IOException {
        return SigningKeyRing.open(properties.dataDir().resolve("keys"), jwt.keyRotation(),
                PersonalAccessTokenClients.ACCESS_TOKEN_TTL.plus(JwtValidation.CLOCK_SKEW), clock);
    }

    @Bean
    SigningKeyRotation signingKeyRotation(SigningKeyRing ring) {
        return new SigningKeyRotation(ring);
    }

    /** The JWKS document: every key a valid token may be signed with. */
    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeyRing ring) {
        return ring.publishedKeys();
    }

    @Bean
    JwtEncoder jwtEncoder(SigningKeyRing ring) {
        return new NimbusJwtEncoder(ring.signingKey());
    }

    @Bean
    JwtDecoder jwtDecoder(SigningKeyRing ring, IssuerUrl issuer, Clock clock) {
        return JwtValidation.decoder(ring.publishedKeys(), issuer, clock);
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(Directory directory, Clock clock) {
        return new PersonalAccessTokenClients(directory, clock);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new HashedSecretEncoder();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IssuerUrl issuer) {
        // A fixed issuer: discovery and tokens name it whatever Host header a request carries.
        return AuthorizationServerSettings.builder().issuer(issuer.value()).build();
    }

    /**
     * A JWT names the user (not the token) as its subject, the account it acts in, and the token it
     * was traded for, so that deleting the token also ends the JWTs issued for it; its audience is
     * Netloom's API, which accepts no token without it.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> userClaims(Directory directory) {
        return context -> directory.tokenById(new TokenId(context.getRegisteredClient().getClientId()))
                .ifPresent(token -> context.getClaims()
                        .subject(token.userId().value())
                        .audience(List.of(JwtValidation.API_AUDIENCE))
                        .claim(JwtCallerConverter.ACCOUNT_CLAIM, token.accountId().value())
                        .claim(JwtCallerConverter.TOKEN_CLAIM, token.id().value()));
    }
}
