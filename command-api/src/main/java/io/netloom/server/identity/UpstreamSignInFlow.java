package io.netloom.server.identity;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.RejectionReason;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What the person sees around Spring Security's OAuth 2.0 login with an upstream provider (ADR 0022): before the
 * redirect, that the provider can be reached at all (else a page saying so, 503); after the callback, either the
 * same signed-in session the embedded store makes, sent on to where the device's request left off, or a page that
 * says plainly what went wrong. Never a stack trace, and a refused or failed sign-in leaves no session signed in.
 */
@Component
public class UpstreamSignInFlow {

    /** Where a sign-in link points: Spring Security's redirect to the provider. */
    public static final String AUTHORIZATION_PATH = "/oauth2/authorization/";

    private static final Logger log = LoggerFactory.getLogger(UpstreamSignInFlow.class);

    private final UpstreamProviders providers;
    private final LazyClientRegistrations registrations;
    private final FederatedSignIns signIns;

    public UpstreamSignInFlow(UpstreamProviders providers, LazyClientRegistrations registrations,
            FederatedSignIns signIns) {
        this.providers = providers;
        this.registrations = registrations;
        this.signIns = signIns;
    }

    /**
     * Runs before Spring's redirect to the provider: an unknown provider is a 404 page, one whose discovery fails
     * a 503 page (Spring would answer either with a bare server error).
     */
    public OncePerRequestFilter reachabilityCheck() {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !request.getRequestURI().startsWith(AUTHORIZATION_PATH);
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                Optional<UpstreamProvider> provider = providers.byId(
                        request.getRequestURI().substring(AUTHORIZATION_PATH.length()));
                if (provider.isEmpty()) {
                    page(response, 404, "Unknown sign-in", "There is no such way to sign in here.");
                    return;
                }
                try {
                    registrations.resolve(provider.get());
                } catch (ProviderUnreachableException down) {
                    log.warn("Sign-in with {} is unavailable: {}", provider.get().id(), down.getMessage());
                    page(response, 503, "Sign-in unavailable", unreachable(provider.get()));
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    /** The code exchange with the provider, within time limits. */
    public OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> tokenClient() {
        return UpstreamHttp.tokenClient();
    }

    /** Reads the ID token and userinfo (for the claims userinfo adds), within time limits. */
    public OidcUserService userService() {
        return UpstreamHttp.userService();
    }

    /** The provider vouched for the person: Netloom's own session, then on to the device's request. */
    public AuthenticationSuccessHandler success() {
        return (request, response, authentication) -> {
            Optional<UpstreamProvider> provider = providerOf(authentication);
            if (provider.isEmpty() || !(authentication.getPrincipal() instanceof OidcUser person)) {
                SignInSessions.signOut(request, response);
                page(response, 400, "Sign-in failed", "This sign-in did not come from a provider Netloom knows.");
                return;
            }
            SignedInPerson signedIn;
            try {
                signedIn = signIns.signedIn(provider.get(), person);
            } catch (CommandRejectedException refused) {
                SignInSessions.signOut(request, response);
                page(response, refused.reason() == RejectionReason.PERMISSION_DENIED ? 403 : 400, "Sign-in refused", refused.getMessage());
                return;
            } catch (RuntimeException failed) {
                SignInSessions.signOut(request, response);
                log.error("Recording a sign-in with {} failed", provider.get().id(), failed);
                page(response, 503, "Sign-in failed", "Netloom could not record your sign-in. Try again later.");
                return;
            }
            String next = SignInSessions.signIn(signedIn, request, response);
            response.setStatus(303);
            response.setHeader("Location", next);
        };
    }

    /** The provider refused, could not be reached at the token exchange, or sent what does not verify. */
    public AuthenticationFailureHandler failure() {
        return (request, response, failure) -> {
            String id = request.getRequestURI().startsWith(LazyClientRegistrations.CALLBACK_PATH)
                    ? request.getRequestURI().substring(LazyClientRegistrations.CALLBACK_PATH.length()) : "";
            String name = providers.byId(id).map(UpstreamProvider::displayName).orElse("The identity provider");
            Problem problem = problemOf(failure, providers.byId(id), name);
            log.warn("Sign-in with {} failed ({}): {}", id, problem.status(), failure.getMessage());
            page(response, problem.status(), "Sign-in failed", problem.text());
        };
    }

    private record Problem(int status, String text) {
    }

    private static Problem problemOf(AuthenticationException failure, Optional<UpstreamProvider> provider,
            String name) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProviderUnreachableException) {
                return new Problem(503, provider.map(UpstreamSignInFlow::unreachable).orElse(name
                        + " cannot be reached; try again later."));
            }
        }
        String code = failure instanceof OAuth2AuthenticationException oauth
                ? Optional.ofNullable(oauth.getError()).map(OAuth2Error::getErrorCode).orElse("") : "";
        return switch (code) {
            case "access_denied" -> new Problem(403, name + " did not let you sign in (access denied).");
            case "authorization_request_not_found", "invalid_state_parameter", "client_registration_not_found" ->
                    new Problem(400, "This sign-in was not started here, or it took too long. Start again on your"
                            + " device.");
            case "invalid_token_response", "invalid_user_info_response" -> new Problem(502, name
                    + " could not complete the sign-in; try again later.");
            case "invalid_grant" -> new Problem(400, name + " did not accept this sign-in (it was used already or"
                    + " has expired). Start again on your device.");
            case "invalid_id_token", "invalid_nonce" -> failure.getMessage() != null
                    && failure.getMessage().contains("JWK")
                    ? new Problem(502, name + " could not complete the sign-in; try again later.")
                    : new Problem(401, "The sign-in from " + name + " could not be verified.");
            default -> new Problem(502, name + " answered with an error"
                    + (code.isEmpty() ? "" : " (" + code + ")") + "; try again later or ask an administrator.");
        };
    }

    private static String unreachable(UpstreamProvider provider) {
        return provider.displayName() + " cannot be reached; try again later.";
    }

    private Optional<UpstreamProvider> providerOf(Authentication authentication) {
        return authentication instanceof OAuth2AuthenticationToken token
                ? providers.byId(token.getAuthorizedClientRegistrationId()) : Optional.empty();
    }

    private static void page(HttpServletResponse response, int status, String title, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(SignInPages.message(title, text).getBytes(StandardCharsets.UTF_8));
    }
}
