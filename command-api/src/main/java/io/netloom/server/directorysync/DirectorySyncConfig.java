package io.netloom.server.directorysync;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * One provider's directory sync, its settings checked and defaults applied.
 *
 * @param providerId the upstream provider whose people it answers for (their {@code IdentityLink}s name it)
 * @param serverUrl Keycloak's base URL, without {@code /realms/...}
 * @param clientId a confidential client whose service account may view the realm's users and groups
 */
public record DirectorySyncConfig(String providerId, String serverUrl, String realm, String clientId,
        String clientSecret, Duration interval) {

    /** The only kind of directory Netloom reads so far. */
    public static final String KEYCLOAK = "keycloak";
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    public static final Duration MINIMUM_INTERVAL = Duration.ofSeconds(1);

    /** Checks one provider's {@code directory-sync} settings; the message names the setting to fix. */
    static DirectorySyncConfig of(String providerId, DirectorySyncProperties.DirectorySync settings) {
        String prefix = "netloom.identity.providers." + providerId + ".directory-sync.";
        String type = settings.type() == null ? "" : settings.type().strip();
        if (!KEYCLOAK.equals(type)) {
            throw new IllegalArgumentException(prefix + "type must be keycloak (the only directory Netloom syncs"
                    + " with so far), not '" + type + "'");
        }
        String serverUrl = required(settings.serverUrl(), prefix + "server-url").replaceAll("/+$", "");
        try {
            URI uri = new URI(serverUrl);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw new URISyntaxException(serverUrl, "not an http(s) URL with a host, without query or fragment");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(prefix + "server-url must be Keycloak's http(s) base URL: "
                    + serverUrl, e);
        }
        Duration interval = settings.interval() == null ? DEFAULT_INTERVAL : settings.interval();
        if (interval.compareTo(MINIMUM_INTERVAL) < 0) {
            throw new IllegalArgumentException(prefix + "interval must be at least 1s (each run reads the whole"
                    + " directory), not " + interval);
        }
        return new DirectorySyncConfig(providerId, serverUrl, required(settings.realm(), prefix + "realm"),
                required(settings.clientId(), prefix + "client-id"),
                required(settings.clientSecret(), prefix + "client-secret"), interval);
    }

    /** The kind of directory: {@link #KEYCLOAK}, the only one {@link #of} accepts. */
    public String type() {
        return KEYCLOAK;
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.strip();
    }

    @Override
    public String toString() {
        // Never the secret.
        return "DirectorySyncConfig[" + providerId + ", " + serverUrl + ", realm " + realm + ", client " + clientId
                + ", every " + interval + "]";
    }
}
