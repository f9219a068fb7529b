package io.netloom.server.identity;

import io.netloom.domain.ids.AccountId;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/**
 * One upstream OIDC provider, its settings checked and defaults applied.
 *
 * @param accountId the account its people join; empty: the server's only account, found at sign-in
 */
public record UpstreamProvider(String id, String issuerUri, String clientId, String clientSecret, List<String> scopes,
        String groupsClaim, String userClaim, String displayName, Optional<AccountId> accountId) {

    private static final List<String> DEFAULT_SCOPES = List.of("openid", "profile", "email");

    /**
     * The account its people belong to, given the server's accounts: the configured one, else the only one; empty
     * when it is not configured and the server has none or several (every use of the provider then refuses).
     */
    public Optional<AccountId> accountAmong(List<AccountId> serverAccounts) {
        if (accountId.isPresent()) {
            return accountId;
        }
        return serverAccounts.size() == 1 ? Optional.of(serverAccounts.get(0)) : Optional.empty();
    }

    public UpstreamProvider {
        scopes = List.copyOf(scopes);
    }

    /** Checks one provider's settings; the message names the setting to fix. */
    static UpstreamProvider of(String id, UpstreamProviders.Settings settings) {
        if (!UpstreamProviders.isValidId(id)) {
            throw new IllegalArgumentException("netloom.identity.providers: the provider id '" + id
                    + "' must be 1 to 64 letters, digits or '-'");
        }
        String prefix = "netloom.identity.providers." + id + ".";
        if (settings == null) {
            throw new IllegalArgumentException(prefix + "issuer-uri, client-id and client-secret are required");
        }
        String issuer = required(settings.issuerUri(), prefix + "issuer-uri").replaceAll("/+$", "");
        try {
            URI uri = new URI(issuer);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw new URISyntaxException(issuer, "not an http(s) URL with a host, without query or fragment");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(prefix + "issuer-uri must be the provider's http(s) issuer URL: "
                    + issuer, e);
        }
        String clientId = required(settings.clientId(), prefix + "client-id");
        String clientSecret = required(settings.clientSecret(), prefix + "client-secret");
        List<String> scopes = settings.scopes() == null || settings.scopes().isEmpty() ? DEFAULT_SCOPES
                : settings.scopes().stream().map(String::strip).filter(scope -> !scope.isEmpty()).toList();
        if (!scopes.contains("openid")) {
            throw new IllegalArgumentException(prefix + "scopes must include openid (OpenID Connect sign-in)");
        }
        Optional<AccountId> account;
        try {
            account = blank(settings.accountId()) ? Optional.empty()
                    : Optional.of(new AccountId(settings.accountId().strip()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(prefix + "account-id is not an account id: " + settings.accountId(), e);
        }
        return new UpstreamProvider(id, issuer, clientId, clientSecret, scopes,
                orDefault(settings.groupsClaim(), "groups"), orDefault(settings.userClaim(), "sub"),
                orDefault(settings.displayName(), id), account);
    }

    private static String required(String value, String name) {
        if (blank(value)) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.strip();
    }

    private static String orDefault(String value, String fallback) {
        return blank(value) ? fallback : value.strip();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        // Never the secret.
        return "UpstreamProvider[" + id + ", " + issuerUri + ", client " + clientId + "]";
    }
}
