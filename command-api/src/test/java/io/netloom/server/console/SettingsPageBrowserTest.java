package io.netloom.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The Settings page in headless Chromium with an upstream provider configured for the admin's account: its settings
 * are listed, its client secret never reaches the browser. The provider's addresses are a closed loopback port:
 * nothing here reaches a provider.
 */
class SettingsPageBrowserTest extends ConsoleServer {

    @Test
    void settingsWhenAProviderServesTheAccountThenItIsListedWithoutItsSecret() throws IOException {
        String admin = newPerson(newProviderAccount(), "admin");
        try (ConsoleBrowser browser = ConsoleBrowser.open(ORIGIN, 375, 900)) {
            browser.signIn(admin, PASSWORD);
            browser.open("#/settings");

            WebElement row = browser.await("[data-test=upstream-providers] [data-test=upstream-provider-row]");
            assertThat(row.getDomAttribute("data-id")).isEqualTo("corp");
            assertThat(row.getText()).contains("Corp SSO", PROVIDER_ISSUER, "netloom-console-test", "openid",
                    ORIGIN + "/login/oauth2/code/corp", ORIGIN + "/oauth2/backchannel-logout/corp");
            assertThat(browser.await("[data-test=embedded-user-store]").getText()).contains("Enabled");
            assertThat(browser.driver().findElements(By.cssSelector("[data-test=upstream-provider-row]")))
                    .hasSize(1);
            assertThat(browser.driver().getPageSource()).doesNotContain(PROVIDER_SECRET);
            browser.script("arguments[0].scrollIntoView()", row);
            browser.screenshot("settingsWithAnUpstreamProvider");
            assertThat(browser.problemsLogged()).as("script errors and failed requests").isEmpty();
        }
    }
}
