package io.netloom.server.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The upstream OIDC providers people may sign in with (ADR 0022), {@code netloom.identity.providers.<id>.*}, any
 * number of them, checked at start so that a typo stops the server with a sentence rather than a sign-in that
 * fails later. Nothing here reaches a provider: discovery happens at the first sign-in
 * ({@link LazyClientRegistrations}).
 */
@ConfigurationProperties("netloom.identity")
public record UpstreamProviders(Map<String, Settings> providers) {

    /** Letters, digits and {@code -}: the id is a path segment of the redirect URI and of the sign-in link. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    /**
     * One provider's settings as the operator writes them.
     *
     * @param issuerUri the OIDC issuer; discovery is at {@code <issuer>/.well-known/openid-configuration}
     * @param scopes default {@code openid, profile, email}
     * @param groupsClaim the claim with the person's group names, default {@code groups}
     * @param userClaim the claim that identifies the person, default {@code sub}
     * @param displayName shown on the sign-in page, default the id
     * @param accountId the Netloom account its people join, default the server's only account
     */
    public record Settings(String issuerUri, String clientId, String clientSecret, List<String> scopes,
            String groupsClaim, String userClaim, String displayName, String accountId) {
    }

    public UpstreamProviders {
        Map<String, Settings> checked = new LinkedHashMap<>();
        if (providers != null) {
            providers.forEach((id, settings) -> {
                UpstreamProvider.of(id, settings);
                checked.put(id, settings);
            });
        }
        providers = Map.copyOf(checked);
    }

    /** Every provider, in a stable order (by id) for the sign-in page. */
    public List<UpstreamProvider> all() {
        return providers.keySet().stream().sorted().map(this::require).toList();
    }

    public Optional<UpstreamProvider> byId(String id) {
        return id == null || !providers.containsKey(id) ? Optional.empty() : Optional.of(require(id));
    }

    private UpstreamProvider require(String id) {
        return UpstreamProvider.of(id, providers.get(id));
    }

    static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
