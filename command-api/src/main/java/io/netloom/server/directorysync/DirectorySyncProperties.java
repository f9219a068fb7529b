package io.netloom.server.directorysync;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code netloom.identity.providers.<id>.directory-sync.*} (ADR 0028): the providers whose directory Netloom reads
 * periodically because they cannot push. The rest of each provider's settings is {@code UpstreamProviders}'s;
 * this reads only the {@code directory-sync} part, checked at start so that a typo stops the server with a
 * sentence. A provider without the part is not synced.
 */
@ConfigurationProperties("netloom.identity")
public record DirectorySyncProperties(Map<String, Provider> providers) {

    /** One provider as far as the sync is concerned. */
    public record Provider(DirectorySync directorySync) {
    }

    /**
     * @param type {@code keycloak}
     * @param interval how long from the end of one run to the start of the next, default 30 s, at least 1 s
     */
    public record DirectorySync(String type, String serverUrl, String realm, String clientId, String clientSecret,
            Duration interval) {
    }

    public DirectorySyncProperties {
        providers = providers == null ? Map.of() : Map.copyOf(providers);
        configured(providers);
    }

    /** Every provider with a directory sync, in a stable order (by id). */
    public List<DirectorySyncConfig> configured() {
        return configured(providers);
    }

    private static List<DirectorySyncConfig> configured(Map<String, Provider> providers) {
        return providers.entrySet().stream()
                .filter(provider -> provider.getValue() != null && provider.getValue().directorySync() != null)
                .sorted(Map.Entry.comparingByKey())
                .map(provider -> DirectorySyncConfig.of(provider.getKey(), provider.getValue().directorySync()))
                .toList();
    }
}
