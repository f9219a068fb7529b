package io.netloom.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.NetloomApi;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Scenarios a person works through in one browser, in order, each building on the one before: every scenario ends
 * with a screenshot named after it and fails on any script error or failed request the page logged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ConsoleScenarios extends ConsoleServer {

    protected ConsoleBrowser browser;

    /** Opens the browser on a laptop-sized window and signs in a new admin of the owner's account. */
    protected void signInAsAnAdminOf(NetloomApi.Client owner) throws IOException {
        browser = ConsoleBrowser.open(ORIGIN, 1366, 900);
        browser.signIn(newPerson(owner, "admin"), PASSWORD);
    }

    @AfterEach
    void screenshotWithoutProblems(TestInfo test) throws IOException {
        browser.screenshot(test.getTestMethod().orElseThrow().getName());
        assertThat(browser.problemsLogged()).as("script errors and failed requests").isEmpty();
    }

    @AfterAll
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }
}
