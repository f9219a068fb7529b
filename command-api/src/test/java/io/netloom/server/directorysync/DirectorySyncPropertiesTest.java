package io.netloom.server.directorysync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DirectorySyncPropertiesTest {

    private static DirectorySyncProperties.DirectorySync keycloak(String url, Duration interval) {
        return new DirectorySyncProperties.DirectorySync("keycloak", url, "corp", "netloom-sync", "s3cret", interval);
    }

    private static DirectorySyncProperties properties(String id, DirectorySyncProperties.DirectorySync sync) {
        Map<String, DirectorySyncProperties.Provider> providers = new HashMap<>();
        providers.put(id, new DirectorySyncProperties.Provider(sync));
        return new DirectorySyncProperties(providers);
    }

    @Test
    void configuredWhenOnlyRequiredSettingsThenEvery30SecondsAndTheSecretNeverShown() {
        DirectorySyncConfig config = properties("kc", keycloak("https://idp.example.org/", null)).configured().get(0);

        assertThat(config.providerId()).isEqualTo("kc");
        assertThat(config.serverUrl()).isEqualTo("https://idp.example.org");
        assertThat(config.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void configuredWhenProviderHasNoDirectorySyncThenNotSynced() {
        assertThat(properties("kc", null).configured()).isEmpty();
        assertThat(new DirectorySyncProperties(null).configured()).isEmpty();
    }

    @Test
    void propertiesWhenIntervalUnderOneSecondThenRefusedAtStartNamingTheSetting() {
        assertThatThrownBy(() -> properties("kc", keycloak("https://idp.example.org", Duration.ofMillis(500))))
                .hasMessageStartingWith("netloom.identity.providers.kc.directory-sync.interval must be at least 1s");
        assertThat(properties("kc", keycloak("https://idp.example.org", Duration.ofSeconds(1))).configured())
                .hasSize(1);
    }

    @Test
    void propertiesWhenTypeUrlOrCredentialsAreBadThenTheMessageNamesTheSetting() {
        assertThatThrownBy(() -> properties("kc", new DirectorySyncProperties.DirectorySync("ldap",
                "https://idp.example.org", "corp", "c", "s", null)))
                .hasMessageStartingWith("netloom.identity.providers.kc.directory-sync.type must be keycloak");
        assertThatThrownBy(() -> properties("kc", keycloak("ftp://idp.example.org", null)))
                .hasMessageStartingWith("netloom.identity.providers.kc.directory-sync.server-url must be");
        assertThatThrownBy(() -> properties("kc", new DirectorySyncProperties.DirectorySync("keycloak",
                "https://idp.example.org", " ", "c", "s", null)))
                .hasMessage("netloom.identity.providers.kc.directory-sync.realm is required");
        assertThatThrownBy(() -> properties("kc", new DirectorySyncProperties.DirectorySync("keycloak",
                "https://idp.example.org", "corp", "c", null, null)))
                .hasMessage("netloom.identity.providers.kc.directory-sync.client-secret is required")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }
}
