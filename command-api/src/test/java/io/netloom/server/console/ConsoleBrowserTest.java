package io.netloom.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.gateway.client.GatewayClient;
import io.netloom.server.testing.MapCapturingDevice;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.TestPeers;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

/**
 * The console in real headless Chromium against a real server on the embedded database: an admin signs in at the
 * server's own issuer and works through the pages as a person would. One server and one browser serve the whole
 * class; the scenarios build on each other in order. Every scenario ends with a screenshot and with no script error
 * or failed request logged by the page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest extends ConsoleServer {

    private final Vertx vertx = Vertx.vertx();
    private final List<MapCapturingDevice> devices = new ArrayList<>();
    private NetloomApi.Client owner;
    private ConsoleBrowser browser;

    @BeforeAll
    void signInAsAnAdmin() throws IOException {
        owner = newAccount();
        browser = ConsoleBrowser.open(ORIGIN, 1366, 900);
        browser.signIn(newPerson(owner, "admin"), PASSWORD);
    }

    @AfterEach
    void screenshotWithoutProblems(TestInfo test) throws IOException {
        browser.screenshot(test.getTestMethod().orElseThrow().getName());
        assertThat(browser.problemsLogged()).as("script errors and failed requests").isEmpty();
    }

    @AfterAll
    void close() throws Exception {
        for (MapCapturingDevice device : devices) {
            device.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void peersWhenADeviceEnrollsAndConnectsThenItAppearsOnlineWithoutAReload() throws Exception {
        browser.open("#/peers");
        browser.awaitText("[data-test=live-state]", "live");
        Object before = browser.script("return document.readyState + performance.timeOrigin");

        String setupKey = TestPeers.createReusableKey(owner, List.of());
        MapCapturingDevice laptop = MapCapturingDevice.enroll(api, setupKey, "console-laptop");
        devices.add(laptop);
        browser.awaitText("[data-test=peers-table] tbody", "console-laptop");
        laptop.connect(new GatewayClient(vertx, 8));

        String row = "[data-test=peer-row][data-peer='" + laptop.peerId + "'] [data-test=peer-state]";
        browser.awaitText(row, "online");
        assertThat(browser.script("return document.readyState + performance.timeOrigin"))
                .as("the same page, never reloaded").isEqualTo(before);
        assertThat(browser.driver().findElement(By.cssSelector("[data-test=peer-count]")).getText())
                .contains("1 online");
    }
}
