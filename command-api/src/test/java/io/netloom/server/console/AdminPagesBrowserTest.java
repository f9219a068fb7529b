package io.netloom.server.console;

import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.regularUser;
import static io.netloom.server.testing.TestData.rule;
import static io.netloom.server.testing.TestData.serviceUser;
import static io.netloom.server.testing.TestData.with;
import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.TestData;
import io.netloom.server.testing.TestPeers;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin pages (groups, access control, setup keys, users) in headless Chromium against a real server: an admin
 * changes the account through them and the API shows the change; an auditor sees the same lists without a control
 * that changes anything. 20 laptops in "engineering" may reach 30 servers in "servers" on TCP 22 at the start.
 */
class AdminPagesBrowserTest extends ConsoleScenarios {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int LAPTOPS = 20;
    private static final int SERVERS = 30;
    /** More peers than the member picker draws at once (200). */
    private static final int OTHERS = 200;

    private NetloomApi.Client owner;
    private String engineering;
    private String servers;
    private final List<String> laptops = new ArrayList<>();

    @BeforeAll
    void anAccountWithPeersGroupsAndAPolicy() throws IOException {
        owner = newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());
        for (int i = 0; i < LAPTOPS; i++) {
            laptops.add(TestPeers.enroll(api.anonymous(), key, "laptop-%04d".formatted(i)));
        }
        List<String> serverPeers = new ArrayList<>();
        for (int i = 0; i < SERVERS + OTHERS; i++) {
            String peer = TestPeers.enroll(api.anonymous(), key, "node-%04d".formatted(i));
            if (i < SERVERS) {
                serverPeers.add(peer);
            }
        }
        engineering = createGroup(owner, "engineering", laptops.toArray(String[]::new));
        servers = createGroup(owner, "servers", serverPeers.toArray(String[]::new));
        ok(owner.post("/api/policies", TestData.policy("ssh", true, List.of(with(
                rule("ssh", List.of(engineering), List.of(servers)),
                "protocol", "tcp", "ports", List.of("22"), "bidirectional", false)))));
        signInAsAnAdminOf(owner);
    }

    @Test
    @Order(1)
    void groupsWhenAGroupIsCreatedAndAUsedOneDeletedThenTheListAndTheServersRefusalShow() {
        browser.open("#/groups");
        browser.await("[data-test=group-row][data-id='" + engineering + "']");
        click("[data-test=new-group]");
        type("dialog[open] [data-test=group-name]", "databases");
        click("dialog[open] button[type=submit]");
        browser.awaitText("[data-test=group-count]", "4 groups");
        assertThat(ok(owner.get("/api/groups?name=databases")).body().get(0).get("peers_count").asInt()).isZero();

        click("[data-test=group-row][data-id='" + engineering + "'] [data-test=delete-group]");
        click("dialog[open] button[type=submit]");
        browser.awaitText("dialog[open] .problem", "is still used by policy \"ssh\"");
        assertThat(browser.problemsLogged()).as("only the refused delete").hasSize(1)
                .allMatch(problem -> problem.contains("412"));
        click("dialog[open] .actions button:not([type=submit])");
        assertThat(ok(owner.get("/api/groups/{groupId}", engineering)).text("name")).isEqualTo("engineering");
    }

    @Test
    @Order(2)
    void membersWhenLaptopsAreAddedThenThePreviewCountsTheNewPairsAndSavingStoresThem() {
        browser.open("#/groups/" + servers);
        browser.awaitText("[data-test=peer-matches]", "Showing 200 of " + (LAPTOPS + SERVERS + OTHERS) + " matching peers");
        assertThat(browser.driver().findElements(By.cssSelector("[data-test=peer-option]"))).hasSize(200);

        type("[data-test=peer-search]", "laptop-000");
        browser.awaitText("[data-test=peer-matches]", "10 matching peers");
        click("[data-test=add-matches]");
        browser.awaitText("[data-test=member-summary]", "40 members (unsaved: 10 added, 0 removed)");
        click("[data-test=preview-members]");
        // Each of the 20 laptops may now reach the 10 laptops that became servers, except itself.
        assertThat(browser.await("[data-test=dry-run] [data-test=gained-pairs]").getDomAttribute("data-count"))
                .isEqualTo(String.valueOf(LAPTOPS * 10 - 10));
        assertThat(browser.driver().findElement(By.cssSelector("[data-test=lost-pairs]")).getDomAttribute("data-count"))
                .isEqualTo("0");

        click("[data-test=save-members]");
        browser.awaitText("[data-test=member-summary]", "40 members");
        browser.wait(WAIT).until(driver -> !driver.findElement(
                By.cssSelector("[data-test=member-summary]")).getText().contains("unsaved"));
        assertThat(ok(owner.get("/api/groups/{groupId}", servers)).body().get("peers_count").asInt()).isEqualTo(40);
    }

    @Test
    @Order(3)
    void policiesWhenANewPolicyIsFilledInThenTheDryRunShowsItsPairsBeforeItIsSaved() {
        browser.open("#/policies");
        browser.await("[data-test=policy-row]");
        click("[data-test=new-policy]");
        browser.await("[data-test=policy-form]");
        type("[data-test=policy-name]", "web");
        checkGroup("sources", "engineering");
        checkGroup("destinations", "servers");
        new Select(browser.driver().findElement(By.cssSelector("[data-test=protocol]"))).selectByValue("tcp");
        type("[data-test=ports]", "80, 443, 8000-8100");
        click("[data-test=bidirectional]");
        click("[data-test=preview]");
        // 20 laptops to the 40 servers (10 of them laptops themselves, which do not count towards themselves).
        String gained = String.valueOf(LAPTOPS * 40 - 10);
        browser.wait(WAIT).until(driver -> gained.equals(driver.findElement(
                By.cssSelector("[data-test=gained-pairs]")).getDomAttribute("data-count")));
        assertThat(browser.driver().findElement(By.cssSelector("[data-test=gained-pairs]")).getText())
                .contains("and " + (LAPTOPS * 40 - 10 - 40) + " more");

        click("[data-test=save-policy]");
        browser.wait(WAIT).until(driver -> driver.findElements(By.cssSelector("[data-test=policy-row]")).size() == 2);
        JsonNode saved = policyNamed("web");
        assertThat(browser.await("[data-test=policy-row][data-id='" + saved.get("id").asText() + "'] [data-test=policy-rule]")
                .getText()).contains("TCP ports 80, 443, 8000-8100, one way");
        assertThat(saved.get("enabled").asBoolean()).isTrue();
        JsonNode savedRule = saved.get("rules").get(0);
        assertThat(savedRule.get("protocol").asText()).isEqualTo("tcp");
        assertThat(savedRule.get("bidirectional").asBoolean()).isFalse();
        assertThat(savedRule.get("port_ranges").toString())
                .isEqualTo("[{\"start\":80,\"end\":80},{\"start\":443,\"end\":443},{\"start\":8000,\"end\":8100}]");

        click("[data-test=policy-row][data-id='" + saved.get("id").asText() + "'] [data-test=toggle-policy]");
        browser.awaitText("dialog[open] [data-test=lost-pairs] h3", "Lost: " + gained + " peer pairs");
        click("dialog[open] button[type=submit]");
        browser.awaitText("[data-test=policy-row][data-id='" + saved.get("id").asText() + "']", "disabled");
        assertThat(policyNamed("web").get("enabled").asBoolean()).isFalse();
    }

    @Test
    @Order(4)
    void setupKeysWhenAKeyIsCreatedThenItsSecretIsShownOnceEnrollsAndStopsWhenRevoked() {
        browser.open("#/setup-keys");
        browser.await("[data-test=setup-key-row]");
        click("[data-test=new-setup-key]");
        type("dialog[open] [data-test=key-name]", "office");
        browser.check("dialog[open] fieldset.picker label", "engineering");
        click("dialog[open] button[type=submit]");
        WebElement secret = browser.await("dialog[open] [data-test=setup-key-secret]");
        String key = secret.getText();
        assertThat(browser.driver().findElement(By.cssSelector("dialog[open]")).getText())
                .contains("you will not see it again");
        click("dialog[open] button[type=submit]");

        String peer = TestPeers.enroll(api.anonymous(), key, "from-console");
        assertThat(ok(owner.get("/api/groups/{groupId}", engineering)).rawBody()).contains(peer);

        String row = browser.awaitAttributeOfElementWith("[data-test=setup-key-row]", "office", "data-id");
        click("[data-test=setup-key-row][data-id='" + row + "'] [data-test=revoke-key]");
        click("dialog[open] button[type=submit]");
        browser.awaitText("[data-test=setup-key-row][data-id='" + row + "'] [data-test=key-state]", "revoked");
        assertThat(api.anonymous().post("/api/netloom/enroll",
                TestPeers.enrollment(key, TestPeers.newPublicKey(), "too-late")).status()).isEqualTo(412);
    }

    @Test
    @Order(5)
    void usersWhenAUserIsBlockedAndAServiceUserGetsATokenThenTheApiAgrees() {
        String person = createUser(owner, regularUser("blockme@example.org", "user"));
        String bot = createUser(owner, serviceUser("backup bot", "admin"));
        browser.open("#/users");
        browser.await("[data-test=user-row][data-id='" + person + "']");
        click("[data-test=user-row][data-id='" + person + "'] [data-test=block-user]");
        browser.awaitText("dialog[open]", "cuts this user off at once");
        browser.await("dialog[open] [data-test=dry-run-summary]");
        click("dialog[open] button[type=submit]");
        browser.awaitText("[data-test=user-row][data-id='" + person + "'] [data-test=user-status]", "blocked");
        assertThat(ok(owner.get("/api/users")).rawBody()).contains("\"is_blocked\":true");
        click("[data-test=user-row][data-id='" + person + "'] [data-test=unblock-user]");
        browser.await("dialog[open] [data-test=dry-run-summary]");
        click("dialog[open] button[type=submit]");
        browser.awaitText("[data-test=user-row][data-id='" + person + "'] [data-test=user-status]", "active");

        click("[data-test=user-row][data-id='" + bot + "'] [data-test=user-tokens]");
        click("[data-test=new-token]");
        type("dialog[open] [data-test=token-name]", "nightly");
        click("dialog[open] button[type=submit]");
        String token = browser.await("dialog[open] [data-test=token-secret]").getText();
        click("dialog[open] button[type=submit]");
        browser.await("[data-test=token-row]");
        assertThat(ok(api.as(token).get("/api/users/current")).text("id")).isEqualTo(bot);
    }

    @Test
    @Order(6)
    void auditorsWhenTheyOpenTheAdminPagesThenNothingOffersAChange() throws IOException {
        try (ConsoleBrowser auditor = ConsoleBrowser.open(ORIGIN, 375, 900)) {
            auditor.signIn(newPerson(owner, "auditor"), PASSWORD);
            for (Map.Entry<String, String> page : Map.of("#/groups", "group-row", "#/policies", "policy-row",
                    "#/setup-keys", "setup-key-row", "#/users", "user-row").entrySet()) {
                auditor.open(page.getKey());
                auditor.await("[data-test=" + page.getValue() + "]");
                assertThat(auditor.driver().findElements(By.cssSelector("[data-test=new-group], [data-test=rename-group],"
                        + " [data-test=delete-group], [data-test=new-policy], [data-test=toggle-policy],"
                        + " [data-test=delete-policy], [data-test=new-setup-key], [data-test=revoke-key],"
                        + " [data-test=delete-key], [data-test=invite-user], [data-test=block-user],"
                        + " [data-test=edit-user], [data-test=delete-user]")))
                        .as("changing controls on %s", page.getKey()).isEmpty();
            }
            auditor.screenshot("auditorsSeeUsersWithoutChanges");
            assertThat(auditor.problemsLogged()).as("script errors and failed requests").isEmpty();
        }
    }

    private JsonNode policyNamed(String name) {
        for (JsonNode policy : ok(owner.get("/api/policies")).body()) {
            if (policy.get("name").asText().equals(name)) {
                return policy;
            }
        }
        throw new AssertionError("no policy named " + name);
    }

    private void checkGroup(String chooser, String group) {
        browser.check("[data-test=" + chooser + "] label", group + " ");
    }

    private void click(String css) {
        browser.await(css).click();
    }

    private void type(String css, String text) {
        browser.await(css).sendKeys(text);
    }
}
