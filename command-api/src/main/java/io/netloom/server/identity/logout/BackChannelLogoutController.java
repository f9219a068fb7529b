package io.netloom.server.identity.logout;

import com.nimbusds.jose.KeySourceException;
import io.netloom.server.identity.ProviderUnreachableException;
import io.netloom.server.identity.UpstreamProvider;
import io.netloom.server.identity.UpstreamProviders;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * OIDC Back-Channel Logout 1.0: a provider posts a logout token here when a person's session there ends. No
 * session, no CSRF token: the token's signature by the provider is the authentication. Register
 * {@code <netloom issuer>/oauth2/backchannel-logout/<provider id>} as the client's back-channel logout URL.
 */
@RestController
@Tag(name = "Sign-in", description = "What upstream identity providers call")
public class BackChannelLogoutController {

    public static final String PATH = "/oauth2/backchannel-logout/";
    private static final Logger log = LoggerFactory.getLogger(BackChannelLogoutController.class);

    private final UpstreamProviders providers;
    private final ProviderLogoutValidators validators;
    private final BackChannelLogouts logouts;

    public BackChannelLogoutController(UpstreamProviders providers, ProviderLogoutValidators validators,
            BackChannelLogouts logouts) {
        this.providers = providers;
        this.validators = validators;
        this.logouts = logouts;
    }

    @PostMapping(PATH + "{providerId}")
    @Operation(summary = "OIDC Back-Channel Logout 1.0: a provider says a person's session ended",
            description = "Called by the upstream provider <providerId> (netloom.identity.providers.<providerId>), "
                    + "server to server, with the form field logout_token: a JWT the provider signed (section 2.4). "
                    + "Register <netloom issuer>/oauth2/backchannel-logout/<providerId> as the client's back-channel "
                    + "logout URL at the provider. Every device the person signed in leaves every map (its login "
                    + "expires with reason signed_out) until the person signs in on it again; their Netloom "
                    + "sign-in sessions and unfinished device sign-ins end. The person is not blocked. 200: done "
                    + "(also when the person is unknown here); 400 {error: invalid_request, error_description}: the "
                    + "token breaks a rule of section 2.6 (signature, iss, aud, iat, jti replayed, events, sub/sid, "
                    + "nonce), nothing changes; 404: no such provider; 503: the provider's keys cannot be fetched. "
                    + "No session or CSRF token: the token's signature authenticates the call.")
    public ResponseEntity<Map<String, String>> logout(@PathVariable String providerId, HttpServletRequest request) {
        Optional<UpstreamProvider> provider = providers.byId(providerId);
        if (provider.isEmpty()) {
            return error(HttpStatus.NOT_FOUND, "invalid_request", "there is no such provider here");
        }
        if (!MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(contentType(request))) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request",
                    "send logout_token as application/x-www-form-urlencoded");
        }
        if (inQuery(request, "logout_token")) {
            // A URL ends up in access logs and proxies' logs: the token travels in the body only (section 2.5).
            return error(HttpStatus.BAD_REQUEST, "invalid_request", "send logout_token in the request body, not the URL");
        }
        String[] tokens = request.getParameterValues("logout_token");
        if (tokens == null || tokens.length != 1) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request", "send exactly one logout_token");
        }
        LogoutToken token;
        LogoutTokenValidator validator;
        try {
            validator = validators.of(provider.get());
            token = validator.validate(tokens[0]);
        } catch (InvalidLogoutTokenException invalid) {
            log.warn("Refused a back-channel logout for {}: {}", providerId, invalid.getMessage());
            return error(HttpStatus.BAD_REQUEST, "invalid_request", invalid.getMessage());
        } catch (ProviderUnreachableException | KeySourceException unreachable) {
            // Not known to be bad: the provider may send it again once its keys can be fetched.
            log.warn("Cannot check a back-channel logout for {}: {}", providerId, unreachable.getMessage());
            return error(HttpStatus.SERVICE_UNAVAILABLE, "temporarily_unavailable",
                    "the provider's keys cannot be fetched now; try again later");
        }
        try {
            logouts.loggedOut(provider.get(), token);
        } catch (RuntimeException failed) {
            // The person is still signed in: the provider's retry of this token must not be refused as a replay.
            validator.forget(token);
            log.error("A back-channel logout from {} (jti {}) could not be carried out", providerId, token.tokenId(),
                    failed);
            return error(HttpStatus.SERVICE_UNAVAILABLE, "temporarily_unavailable",
                    "the logout could not be carried out now; try again later");
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).build();
    }

    private static boolean inQuery(HttpServletRequest request, String parameter) {
        String query = request.getQueryString();
        return query != null && UriComponentsBuilder.newInstance().query(query).build().getQueryParams()
                .containsKey(parameter);
    }

    private static MediaType contentType(HttpServletRequest request) {
        try {
            return request.getContentType() == null ? MediaType.ALL : MediaType.parseMediaType(request.getContentType());
        } catch (RuntimeException invalid) {
            return MediaType.ALL;
        }
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String error, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
