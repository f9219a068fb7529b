package io.netloom.server.console;

import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.gateway.client.GatewayClient;
import io.netloom.server.testing.MapCapturingDevice;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.TestData;
import io.netloom.server.testing.TestPeers;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The console in real headless Chromium against a real server on the embedded database: an admin signs in at the
 * server's own issuer and works through the pages as a person would. One server and one browser serve the whole
 * class; the scenarios build on each other in order. Every scenario ends with a screenshot and with no script error
 * or failed request logged by the page.
 */
class ConsoleBrowserTest extends ConsoleScenarios {

    private final Vertx vertx = Vertx.vertx();
    private final List<MapCapturingDevice> devices = new ArrayList<>();
    private final List<String> engineerLaptops = new ArrayList<>();
    private NetloomApi.Client owner;

    @BeforeAll
    void signInAsAnAdmin() throws IOException {
        owner = newAccount();
        signInAsAnAdminOf(owner);
    }

    @AfterAll
    void closeDevices() throws Exception {
        for (MapCapturingDevice device : devices) {
            device.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
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

    @Test
    @Order(2)
    void peersWhenEngineersEnrollWithAKeyOfTheirGroupThenTheyAppearInIt() {
        browser.open("#/peers");
        browser.awaitText("[data-test=live-state]", "live");
        String engineers = createGroup(owner, "engineers");
        String key = TestPeers.createReusableKey(owner, List.of(engineers));
        engineerLaptops.add(TestPeers.enroll(api.anonymous(), key, "eng-1"));
        engineerLaptops.add(TestPeers.enroll(api.anonymous(), key, "eng-2"));
        ok(owner.post("/api/policies", TestData.policy("Engineers reach engineers", true,
                List.of(rule("engineers", List.of(engineers), List.of(engineers))))));

        for (String laptop : engineerLaptops) {
            browser.awaitText("[data-test=peer-row][data-peer='" + laptop + "']", "engineers");
        }
    }

    @Test
    @Order(6)
    void pictureWhenAPairIsExplainedThenThePolicyAndGroupsThatAllowItAreNamed() throws IOException {
        browser.open("#/picture");
        browser.awaitText("[data-test=picture-mode]", "peers");
        assertThat(linesDrawn()).as("lines between the engineers' laptops").isPositive();
        browser.script("arguments[0].scrollIntoView()", browser.await("[data-test=picture-chart]"));
        browser.screenshot("network-picture");

        browser.await("[data-test=explain-source]").sendKeys("eng-1");
        browser.await("[data-test=explain-destination]").sendKeys("eng-2");
        browser.driver().findElement(By.cssSelector("[data-test=explain-form] button[type=submit]")).click();
        String explanation = browser.awaitText("[data-test=explain-result]", "allowed").getText();
        assertThat(explanation).contains("eng-1 → eng-2").contains("Engineers reach engineers")
                .contains("engineers");

        browser.await("[data-test=explain-source]").clear();
        browser.await("[data-test=explain-source]").sendKeys("console-laptop");
        browser.driver().findElement(By.cssSelector("[data-test=explain-form] button[type=submit]")).click();
        assertThat(browser.awaitText("[data-test=explain-result]", "denied").getText()).contains("Denied because");
    }

    @Test
    @Order(7)
    void historyWhenTheSliderMovesBeforeThePolicyThenThePictureLosesThePair() {
        browser.open("#/history?source=" + engineerLaptops.get(0) + "&destination=" + engineerLaptops.get(1));
        WebElement opened = browser.await("[data-test=history-events] tbody tr button");
        assertThat(browser.driver().findElement(By.cssSelector("[data-test=history-events]")).getText())
                .contains("access opened").contains("PolicyCreated");

        opened.click();
        browser.wait(Duration.ofSeconds(30)).until(driver -> linesDrawn() > 0);
        String openedAt = browser.await("[data-test=history-at]").getText();

        browser.await("[data-test=history-slider]").sendKeys(Keys.ARROW_LEFT);
        browser.wait(Duration.ofSeconds(30)).until(driver -> linesDrawn() == 0);
        assertThat(browser.await("[data-test=history-at]").getText()).isNotEqualTo(openedAt);

        browser.await("[data-test=history-slider]").sendKeys(Keys.END);
        browser.wait(Duration.ofSeconds(30)).until(driver -> linesDrawn() > 0);
    }

    @Test
    @Order(8)
    void everyPageWhenOpenedThenDrawsWithoutScriptErrorsOrFailedRequests() throws IOException {
        for (String page : List.of("peers", "groups", "policies", "routes", "networks", "dns", "users", "setup-keys",
                "activity", "picture", "history", "settings")) {
            browser.open("#/" + page);
            browser.wait(Duration.ofSeconds(30)).until(driver -> !driver.findElements(
                    By.cssSelector("main h1")).isEmpty() && driver.findElements(By.cssSelector("main .problem"))
                    .stream().noneMatch(problem -> !problem.getText().isBlank())
                    && !driver.findElement(By.id("view")).getText().startsWith("Loading"));
            browser.screenshot("page-" + page);
            assertThat(browser.problemsLogged()).as("problems logged on #/%s", page).isEmpty();
        }
    }

    @Test
    @Order(9)
    void phoneWhenTheMenuIsOpenedByKeyboardThenThePagesAreReachable() throws IOException {
        browser.driver().manage().window().setSize(new Dimension(375, 812));
        try {
            browser.open("#/peers");
            browser.await("[data-test=peers-table]");
            assertThat(browser.driver().findElement(By.id("nav")).isDisplayed()).as("the menu starts closed").isFalse();
            WebElement menu = browser.await("#menu-toggle");
            menu.sendKeys(Keys.ENTER);
            assertThat(menu.getDomAttribute("aria-expanded")).isEqualTo("true");
            browser.await("#nav a[href='#/groups']").sendKeys(Keys.ENTER);
            browser.awaitTitle("Groups · Netloom console");
            browser.open("#/peers");
            browser.await("[data-test=peers-table]");
            browser.screenshot("phone-peers");
        } finally {
            browser.driver().manage().window().setSize(new Dimension(1366, 900));
        }
    }

    @Test
    @Order(10)
    void signOutWhenPressedThenTheIssuerAsksForThePasswordAgain() {
        browser.driver().findElement(By.id("sign-out")).click();
        browser.awaitTitle("Sign in to Netloom");
        browser.driver().get(ORIGIN + "/#/peers");
        browser.awaitTitle("Sign in to Netloom");
    }

    @Test
    @Order(11)
    void regularUserWhenSignedInSeesOwnPeersOnlyAndWhenBlockedIsRefusedWithoutLooping() {
        String email = newPerson(owner, "user");
        browser.signIn(email, PASSWORD);
        browser.awaitText("[data-test=live-state]", "live");
        assertThat(browser.driver().findElements(By.cssSelector("#nav a")))
                .extracting(WebElement::getText).containsExactly("Peers", "Users");
        assertThat(browser.driver().findElements(By.cssSelector("[data-test=peer-row]"))).isEmpty();

        String userId = ok(owner.get("/api/users")).body().valueStream()
                .filter(user -> email.equals(user.get("email").asString())).findFirst().orElseThrow()
                .get("id").asString();
        ok(owner.put("/api/users/{userId}", Map.of("role", "user", "auto_groups", List.of(), "is_blocked", true),
                userId));
        browser.open("#/users");
        browser.wait(Duration.ofSeconds(30)).until(driver -> driver.findElements(By.cssSelector("main .problem, #toast"))
                .stream().anyMatch(shown -> shown.getText().contains("refuses your sign-in")));
        assertThat(browser.problemsLogged()).as("the API's refusals, and nothing else")
                .allMatch(problem -> problem.contains("401"));

        // The issuer no longer knows the blocked person either: no silent sign-in, the sign-in page.
        browser.driver().get(ORIGIN + "/");
        browser.awaitTitle("Sign in to Netloom");
    }

    /** How many lines the network picture draws now, from its accessible description. */
    private int linesDrawn() {
        String label = browser.driver().findElement(By.cssSelector("[data-test=picture-chart]"))
                .getAttribute("aria-label");
        Matcher lines = Pattern.compile("(\\d+) lines").matcher(label == null ? "" : label);
        return lines.find() ? Integer.parseInt(lines.group(1)) : -1;
    }
}
