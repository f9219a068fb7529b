package io.netloom.server.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.netloom.domain.ids.TokenId;
import io.netloom.projections.directory.Directory;
import io.netloom.server.cluster.ClusterMember;
import io.netloom.server.console.ConsoleSecurity;
import io.netloom.server.config.NetloomProperties;
import io.netloom.server.identity.AuthorizationErrors;
import io.netloom.server.identity.DeviceAuthorizationResponder;
import io.netloom.server.identity.DeviceClientAuthentication;
import io.netloom.server.identity.DevicePollPacer;
import io.netloom.server.identity.DeviceVerificationGuard;
import io.netloom.server.identity.ExpiringAuthorizations;
import io.netloom.server.identity.HazelcastAuthorizations;
import io.netloom.server.identity.IdentityProperties;
import io.netloom.server.identity.LazyClientRegistrations;
import io.netloom.server.identity.UpstreamProviders;
import io.netloom.server.identity.UpstreamSignInFlow;
import io.netloom.server.identity.logout.BackChannelLogoutController;
import io.netloom.server.identity.logout.EndedSessionFilter;
import io.netloom.server.identity.logout.SignedOutPeople;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import io.netloom.server.identity.NetloomCliClient;
import io.netloom.server.identity.NetloomConsoleClient;
import io.netloom.server.identity.OpenIdScopeOfDevices;
import io.netloom.server.identity.SignInAuthorizations;
import io.netloom.server.identity.SignInRoutes;
import io.netloom.server.identity.SignedInPerson;
import java.time.Duration;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceVerificationAuthenticationProvider;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import jakarta.servlet.DispatcherType;
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
 * its body; only the OIDC discovery and key-set documents are public, as the standard requires, and the
 * web console's files, which hold no data ({@code ConsoleSecurity}).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    static final String ENROLLMENT_PATH = "/api/netloom/enroll";

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, JsonErrors errors, Clock clock,
            RegisteredClientRepository clients, AuthorizationServerSettings settings, IssuerUrl issuer,
            SignedOutPeople signedOut, Directory directory, IdentityProperties identity) throws Exception {
        http.oauth2AuthorizationServer(server -> http.securityMatcher(server.getEndpointsMatcher())
                        .with(server, configurer -> configurer
                                .oidc(oidc -> oidc.logoutEndpoint(logout -> logout
                                        // The endpoint's own answer is a servlet error, which this server shows as a 404.
                                        .errorResponseHandler((request, response, failure) -> errors.write(response, 400,
                                                "invalid logout request: " + LogoutErrors.describe(failure)))))
                                .clientAuthentication(client -> client
                                        .authenticationConverters(converters -> converters.add(0,
                                                DeviceClientAuthentication.converter(
                                                        settings.getDeviceAuthorizationEndpoint(),
                                                        settings.getTokenEndpoint())))
                                        .authenticationProviders(providers -> providers.add(0,
                                                DeviceClientAuthentication.provider(clients))))
                                .authorizationEndpoint(authorization -> authorization
                                        .errorResponseHandler(AuthorizationErrors.handler(errors)))
                                .deviceAuthorizationEndpoint(device -> device
                                        .deviceAuthorizationResponseHandler(new DeviceAuthorizationResponder(
                                                issuer.value() + SignInRoutes.ACTIVATE_PATH,
                                                identity.devicePollInterval()))
                                        .deviceAuthorizationRequestConverters(converters ->
                                                converters.replaceAll(OpenIdScopeOfDevices::ignoredBy)))
                                .deviceVerificationEndpoint(verification -> verification
                                        // The code page is the person's confirmation; no second consent page.
                                        .authenticationProviders(providers -> providers.forEach(provider -> {
                                            if (provider instanceof OAuth2DeviceVerificationAuthenticationProvider
                                                    deviceVerification) {
                                                deviceVerification.setAuthorizationConsentRequired(context -> false);
                                            }
                                        }))
                                        .deviceVerificationResponseHandler((request, response, approved) ->
                                                response.sendRedirect(SignInRoutes.DONE_PATH))
                                        .errorResponseHandler((request, response, failure) ->
                                                response.sendRedirect(SignInRoutes.FAILED_PATH)))))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // The person's approval of a device is the one browser form here; DeviceVerificationGuard checks it.
                .csrf(csrf -> csrf.disable())
                .addFilterBefore(new DeviceVerificationGuard(settings.getDeviceVerificationEndpoint()),
                        CsrfFilter.class)
                .addFilterBefore(new DevicePollPacer(settings.getTokenEndpoint(),
                        identity.devicePollInterval(), clock), CsrfFilter.class)
                .addFilterAfter(new EndedSessionFilter(signedOut, directory), SecurityContextHolderFilter.class)
                .exceptionHandling(handling -> handling
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(SignInRoutes.LOGIN_PATH),
                                new OrRequestMatcher(
                                        PathPatternRequestMatcher.withDefaults().matcher(settings.getAuthorizationEndpoint()),
                                        PathPatternRequestMatcher.withDefaults()
                                                .matcher(settings.getDeviceVerificationEndpoint())))
                        .defaultAuthenticationEntryPointFor(
                                (request, response, failure) -> errors.write(response, 401, "authentication required"),
                                AnyRequestMatcher.INSTANCE));
        SecurityFilterChain chain = http.build();
        // Tokens are stamped by the clock that checks them and rotates the keys that sign them.
        JwtGenerator generator = http.getSharedObject(JwtGenerator.class);
        if (generator == null) {
            throw new IllegalStateException("the authorization server built no JWT generator");
        }
        generator.setClock(clock);
        return chain;
    }

    /**
     * The sign-in pages: a browser session, forms protected against cross-site requests; the embedded user store's
     * password form and, through Spring Security's OAuth 2.0 login, the upstream providers (ADR 0022), whose
     * sign-in ends in the same session.
     */
    @Bean
    @Order(2)
    SecurityFilterChain signInChain(HttpSecurity http, LazyClientRegistrations upstreamRegistrations,
            UpstreamSignInFlow upstream, SignedOutPeople signedOut, Directory directory) throws Exception {
        String redirectToProvider = UpstreamSignInFlow.AUTHORIZATION_PATH + "*";
        String callbackFromProvider = LazyClientRegistrations.CALLBACK_PATH + "*";
        http.securityMatcher(SignInRoutes.LOGIN_PATH, SignInRoutes.PASSWORD_CHANGE_PATH, SignInRoutes.ACTIVATE_PATH,
                        SignInRoutes.ACTIVATE_PATH + "/**", redirectToProvider, callbackFromProvider)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(SignInRoutes.LOGIN_PATH, SignInRoutes.PASSWORD_CHANGE_PATH, SignInRoutes.DONE_PATH,
                                SignInRoutes.FAILED_PATH, redirectToProvider, callbackFromProvider).permitAll()
                        .anyRequest().authenticated())
                .addFilterBefore(upstream.reachabilityCheck(), OAuth2AuthorizationRequestRedirectFilter.class)
                // A person their provider signed out (ADR 0027) is no longer signed in here either.
                .addFilterAfter(new EndedSessionFilter(signedOut, directory), SecurityContextHolderFilter.class)
                .oauth2Login(login -> login
                        .loginPage(SignInRoutes.LOGIN_PATH)
                        .clientRegistrationRepository(upstreamRegistrations)
                        // The provider's tokens are needed for nothing after the sign-in: they die with the session.
                        .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                        .tokenEndpoint(token -> token.accessTokenResponseClient(upstream.tokenClient()))
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(upstream.userService()))
                        .successHandler(upstream.success())
                        .failureHandler(upstream.failure()))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        ConsoleSecurity.SIGN_IN_CONTENT_SECURITY_POLICY)))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(
                        new LoginUrlAuthenticationEntryPoint(SignInRoutes.LOGIN_PATH)));
        return http.build();
    }

    @Bean
    LazyClientRegistrations upstreamRegistrations(UpstreamProviders providers, IssuerUrl issuer) {
        return new LazyClientRegistrations(providers, issuer.value());
    }

    @Bean
    @Order(3)
    SecurityFilterChain apiChain(HttpSecurity http, Callers callers, JsonErrors errors, JwtDecoder jwtDecoder,
            SignedOutPeople signedOut) throws Exception {
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, ENROLLMENT_PATH).permitAll()
                        // A stream's end (the live feed of peers) comes back as an async dispatch of a request that
                        // was authorized when it started; its token is not read again, and denying would only fail
                        // on a response already sent.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .anyRequest().authenticated())
                .addFilterBefore(new TokenAuthenticationFilter(callers, errors), BearerTokenAuthenticationFilter.class)
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(new JwtCallerConverter(callers, signedOut)))
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

    /**
     * OIDC Back-Channel Logout (ADR 0027): providers post logout tokens, server to server, without a session or a
     * CSRF token; the controller authenticates each by the provider's signature, so the path itself is open.
     */
    @Bean
    @Order(3)
    SecurityFilterChain backChannelLogoutChain(HttpSecurity http) throws Exception {
        http.securityMatcher(PathPatternRequestMatcher.withDefaults()
                        .matcher(HttpMethod.POST, BackChannelLogoutController.PATH + "*"))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> { })
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    /** Anything that is neither the API nor the authorization server does not exist. */
    @Bean
    @Order(4)
    SecurityFilterChain everythingElseChain(HttpSecurity http, JsonErrors errors) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().denyAll())
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, failure) -> errors.write(response, 404, "not found"))
                        .accessDeniedHandler((request, response, denied) -> errors.write(response, 404, "not found")));
        return http.build();
    }

    /**
     * Tells the authorization server's registry of sign-in sessions, which RP-initiated logout consults, when a
     * session ends: without it the registry keeps an entry for every session that ever authorized a client.
     */
    @Bean
    static HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }

    @Bean
    IssuerUrl issuerUrl(NetloomProperties properties, Environment environment) {
        return IssuerUrl.resolve(properties, environment);
    }

    @Bean
    SigningKeyRing signingKeyRing(NetloomProperties properties, JwtProperties jwt, IdentityProperties identity,
            Clock clock) throws IOException {
        // A retired key stays published as long as the longest-lived token it may have signed.
        Duration longestToken = identity.accessTokenTtl().compareTo(PersonalAccessTokenClients.ACCESS_TOKEN_TTL) > 0
                ? identity.accessTokenTtl() : PersonalAccessTokenClients.ACCESS_TOKEN_TTL;
        return SigningKeyRing.open(properties.keysDirectory(), jwt.keyRotation(),
                longestToken.plus(JwtValidation.CLOCK_SKEW), clock);
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
    RegisteredClientRepository registeredClientRepository(Directory directory, Clock clock,
            IdentityProperties identity, IssuerUrl issuer) {
        return new SignInClients(List.of(NetloomCliClient.of(identity), NetloomConsoleClient.of(identity, issuer.value())),
                new PersonalAccessTokenClients(directory, clock));
    }

    /** In this process's memory when it runs alone; shared by every process of a cluster (ADR 0061). */
    @Bean
    SignInAuthorizations authorizationService(Clock clock, ClusterMember cluster) {
        return cluster.clustered()
                .<SignInAuthorizations>map(clustered -> new HazelcastAuthorizations(clustered.hazelcast(), clock))
                .orElseGet(() -> new ExpiringAuthorizations(clock));
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
     * A JWT names the user as its subject and the account it acts in; its audience is Netloom's API,
     * which accepts no token without it. One traded for a personal access token also names that token,
     * so that deleting the token ends the JWTs issued for it; one issued to a person signed in through
     * the CLI or the console names the person's email instead.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> userClaims(Directory directory) {
        return context -> {
            if (context.getPrincipal() instanceof SignedInPerson person) {
                if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                    context.getClaims().claim(JwtCallerConverter.ACCOUNT_CLAIM, person.accountId().value());
                    return;
                }
                context.getClaims()
                        .subject(person.userId().value())
                        .audience(List.of(JwtValidation.API_AUDIENCE))
                        .claim(JwtCallerConverter.ACCOUNT_CLAIM, person.accountId().value())
                        .claim(JwtCallerConverter.SIGNED_IN_AT_CLAIM, person.signedInAt().toEpochMilli())
                        .claim("email", person.email());
                // An upstream sign-in's groups travel to the device's enrollment in Netloom's own token (ADR 0022).
                person.upstreamGroups().ifPresent(groups -> {
                    if (groups.isIgnored()) {
                        context.getClaims().claim(JwtCallerConverter.GROUPS_IGNORED_CLAIM, groups.ignoredBecause());
                    } else {
                        context.getClaims().claim(JwtCallerConverter.GROUPS_CLAIM, groups.names());
                    }
                });
                return;
            }
            directory.tokenById(new TokenId(context.getRegisteredClient().getClientId()))
                    .ifPresent(token -> context.getClaims()
                            .subject(token.userId().value())
                            .audience(List.of(JwtValidation.API_AUDIENCE))
                            .claim(JwtCallerConverter.ACCOUNT_CLAIM, token.accountId().value())
                            .claim(JwtCallerConverter.TOKEN_CLAIM, token.id().value()));
        };
    }
}
