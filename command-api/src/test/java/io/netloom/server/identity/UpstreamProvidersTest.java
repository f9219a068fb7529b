package io.netloom.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.domain.ids.AccountId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpstreamProvidersTest {

    private static UpstreamProviders.Settings settings(String issuer, String clientId, String secret) {
        return new UpstreamProviders.Settings(issuer, clientId, secret, null, null, null, null, null);
    }

    @Test
    void providersWhenOnlyRequiredSettingsThenDefaultsApply() {
        UpstreamProviders providers = new UpstreamProviders(Map.of("keycloak",
                settings("https://idp.example.org/realms/corp/", "netloom", "s3cret")));

        UpstreamProvider keycloak = providers.byId("keycloak").orElseThrow();
        assertThat(keycloak.issuerUri()).isEqualTo("https://idp.example.org/realms/corp");
        assertThat(keycloak.scopes()).containsExactly("openid", "profile", "email");
        assertThat(keycloak.groupsClaim()).isEqualTo("groups");
        assertThat(keycloak.userClaim()).isEqualTo("sub");
        assertThat(keycloak.displayName()).isEqualTo("keycloak");
        assertThat(keycloak.accountId()).isEmpty();
        assertThat(keycloak.toString()).doesNotContain("s3cret");
    }

    @Test
    void accountAmongWhenNotConfiguredThenTheServersOnlyAccountElseNone() {
        UpstreamProvider keycloak = new UpstreamProviders(Map.of("keycloak",
                settings("https://idp.example.org/realms/corp", "netloom", "s"))).byId("keycloak").orElseThrow();
        AccountId only = AccountId.random();

        assertThat(keycloak.accountAmong(List.of(only))).contains(only);
        assertThat(keycloak.accountAmong(List.of())).isEmpty();
        assertThat(keycloak.accountAmong(List.of(only, AccountId.random()))).isEmpty();
    }

    @Test
    void accountAmongWhenConfiguredThenThatAccountWhateverTheServerHas() {
        AccountId configured = AccountId.random();
        UpstreamProvider keycloak = new UpstreamProviders(Map.of("keycloak",
                new UpstreamProviders.Settings("https://idp.example.org/realms/corp", "netloom", "s", null, null,
                        null, null, configured.value()))).byId("keycloak").orElseThrow();

        assertThat(keycloak.accountAmong(List.of(AccountId.random()))).contains(configured);
        assertThat(keycloak.accountAmong(List.of())).contains(configured);
    }

    @Test
    void providersWhenNoneConfiguredThenEmpty() {
        assertThat(new UpstreamProviders(null).all()).isEmpty();
    }

    @Test
    void providersWhenSeveralThenListedByIdAndUnknownIdsFindNothing() {
        UpstreamProviders providers = new UpstreamProviders(Map.of(
                "google", settings("https://accounts.google.com", "g", "gs"),
                "entra", settings("https://login.microsoftonline.com/tenant/v2.0", "e", "es")));

        assertThat(providers.all()).extracting(UpstreamProvider::id).containsExactly("entra", "google");
        assertThat(providers.byId("okta")).isEmpty();
        assertThat(providers.byId(null)).isEmpty();
    }

    @Test
    void providersWhenARequiredSettingIsMissingThenTheMessageNamesIt() {
        assertThatThrownBy(() -> new UpstreamProviders(Map.of("kc", settings(null, "netloom", "s"))))
                .hasMessage("netloom.identity.providers.kc.issuer-uri is required");
        assertThatThrownBy(() -> new UpstreamProviders(Map.of("kc", settings("https://idp.example.org", " ", "s"))))
                .hasMessage("netloom.identity.providers.kc.client-id is required");
        assertThatThrownBy(() -> new UpstreamProviders(Map.of("kc", settings("https://idp.example.org", "n", null))))
                .hasMessage("netloom.identity.providers.kc.client-secret is required");
    }

    @Test
    void providersWhenIdOrIssuerOrScopesOrAccountAreBadThenRefusedAtStart() {
        assertThatThrownBy(() -> new UpstreamProviders(Map.of("key cloak",
                settings("https://idp.example.org", "n", "s"))))
                .hasMessageContaining("provider id 'key cloak' must be 1 to 64 letters, digits or '-'");
        assertThatThrownBy(() -> new UpstreamProviders(Map.of("kc", settings("idp.example.org", "n", "s"))))
                .hasMessageContaining("netloom.identity.providers.kc.issuer-uri must be the provider's http(s)");
        assertThatThrownBy(() -> new UpstreamProviders(Map.of("kc", new UpstreamProviders.Settings(
                "https://idp.example.org", "n", "s", List.of("profile"), null, null, null, null))))
                .hasMessageContaining("scopes must include openid");
        assertThatThrownBy(() -> new UpstreamProviders(Map.of("kc", new UpstreamProviders.Settings(
                "https://idp.example.org", "n", "s", null, null, null, null, "not an id!"))))
                .hasMessageContaining("netloom.identity.providers.kc.account-id is not an account id");
    }
}
