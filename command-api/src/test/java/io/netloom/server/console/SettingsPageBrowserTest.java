package io.netloom.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.account.AccountSettings;
import io.netloom.domain.account.CreateAccountCommand;
import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.group.CreateGroupCommand;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.user.CreateUserCommand;
import io.netloom.domain.user.Role;
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import io.netloom.server.testing.TestAccounts;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Settings page in headless Chromium with an upstream provider configured for the admin's account: its settings
 * are listed, its client secret never reaches the browser. The provider's addresses are a closed loopback port:
 * nothing here reaches a provider.
 */
class SettingsPageBrowserTest extends ConsoleServer {

    private static final AccountId ACCOUNT = AccountId.random();
    private static final UserId OWNER = UserId.random();
    private static final String CLIENT_SECRET = "console-client-secret-" + UUID.randomUUID();
    private static final String ISSUER = "http://127.0.0.1:" + closedPort() + "/realms/staff";

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry properties) {
        String corp = "netloom.identity.providers.corp.";
        properties.add(corp + "issuer-uri", () -> ISSUER);
        properties.add(corp + "client-id", () -> "netloom-console-test");
        properties.add(corp + "client-secret", () -> CLIENT_SECRET);
        properties.add(corp + "display-name", () -> "Corp SSO");
        properties.add(corp + "account-id", ACCOUNT::value);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Autowired
    private Commands commands;

    @Test
    void settingsWhenAProviderServesTheAccountThenItIsListedWithoutItsSecret() throws IOException {
        commands.sendAtomically(List.of(
                new CreateAccountCommand(ACCOUNT, OWNER, "", Ipv4Network.DEFAULT, AccountSettings.defaults()),
                new CreateGroupCommand(GroupId.random(), ACCOUNT, "All", true, Set.of()),
                new CreateUserCommand(OWNER, ACCOUNT, "", "Test owner", Role.OWNER, true, Set.of())),
                Initiator.SYSTEM);
        String admin = newPerson(api.as(new TestAccounts(commands, api).tokenFor(ACCOUNT, OWNER)), "admin");
        try (ConsoleBrowser browser = ConsoleBrowser.open(ORIGIN, 375, 900)) {
            browser.signIn(admin, PASSWORD);
            browser.open("#/settings");

            WebElement row = browser.await("[data-test=upstream-providers] [data-test=upstream-provider-row]");
            assertThat(row.getDomAttribute("data-id")).isEqualTo("corp");
            assertThat(row.getText()).contains("Corp SSO", ISSUER, "netloom-console-test", "openid",
                    ORIGIN + "/login/oauth2/code/corp", ORIGIN + "/oauth2/backchannel-logout/corp");
            assertThat(browser.await("[data-test=embedded-user-store]").getText()).contains("Enabled");
            assertThat(browser.driver().findElements(By.cssSelector("[data-test=upstream-provider-row]")))
                    .hasSize(1);
            assertThat(browser.driver().getPageSource()).doesNotContain(CLIENT_SECRET);
            browser.script("arguments[0].scrollIntoView()", row);
            browser.screenshot("settingsWithAnUpstreamProvider");
            assertThat(browser.problemsLogged()).as("script errors and failed requests").isEmpty();
        }
    }
}
