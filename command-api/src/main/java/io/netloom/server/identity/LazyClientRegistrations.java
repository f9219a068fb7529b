package io.netloom.server.identity;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * The upstream providers as Spring Security's OAuth 2.0 login sees them, each resolved from its discovery document
 * on first use and kept: the server starts, and serves everything else, while a provider is down. A failed
 * discovery is not kept, so the next sign-in tries again. The redirect URI is derived from Netloom's own issuer,
 * never from a request's Host header.
 */
public final class LazyClientRegistrations implements ClientRegistrationRepository {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** The callback path Spring Security's OAuth 2.0 login serves, one per provider. */
    public static final String CALLBACK_PATH = "/login/oauth2/code/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final UpstreamProviders providers;
    private final String netloomIssuer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ConcurrentMap<String, ClientRegistration> resolved = new ConcurrentHashMap<>();

    public LazyClientRegistrations(UpstreamProviders providers, String netloomIssuer) {
        this.providers = providers;
        this.netloomIssuer = netloomIssuer;
    }

    /** Spring's contract: null for an id that names no provider; a provider that cannot be reached throws. */
    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        return providers.byId(registrationId).map(this::resolve).orElse(null);
    }

    /** The provider's registration, fetching its discovery document if this is the first use. */
    public ClientRegistration resolve(UpstreamProvider provider) {
        ClientRegistration known = resolved.get(provider.id());
        if (known != null) {
            return known;
        }
        ClientRegistration registration = discover(provider);
        resolved.putIfAbsent(provider.id(), registration);
        return resolved.get(provider.id());
    }

    /** Where the provider must send people back to: register this URI at the provider. */
    public String redirectUri(UpstreamProvider provider) {
        return netloomIssuer + CALLBACK_PATH + provider.id();
    }

    private ClientRegistration discover(UpstreamProvider provider) {
        URI location = URI.create(provider.issuerUri() + "/.well-known/openid-configuration");
        Map<String, Object> configuration;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(location).timeout(REQUEST_TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new ProviderUnreachableException(provider, "discovery answered HTTP " + response.statusCode(),
                        null);
            }
            configuration = JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new ProviderUnreachableException(provider, "discovery failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnreachableException(provider, "interrupted", e);
        }
        // OIDC Discovery 4.3: the document must name the issuer it was fetched for, or it is someone else's.
        Object issuer = configuration.get("issuer");
        if (!(issuer instanceof String named) || !named.replaceAll("/+$", "").equals(provider.issuerUri())) {
            throw new ProviderUnreachableException(provider, "discovery names the issuer " + issuer
                    + ", not the configured one", null);
        }
        try {
            return ClientRegistrations.fromOidcConfiguration(configuration)
                    .registrationId(provider.id())
                    .clientId(provider.clientId())
                    .clientSecret(provider.clientSecret())
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri(redirectUri(provider))
                    .scope(provider.scopes())
                    .clientName(provider.displayName())
                    .build();
        } catch (RuntimeException invalid) {
            throw new ProviderUnreachableException(provider, "discovery document unusable: " + invalid.getMessage(),
                    invalid);
        }
    }
}
