package io.netloom.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.testsupport.keycloak.KeycloakAdmin;
import io.netloom.testsupport.keycloak.KeycloakBrowser;
import io.netloom.testsupport.keycloak.KeycloakServer;
import io.netloom.testsupport.keycloak.Person;
import io.netloom.testsupport.keycloak.PublicClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netloom login} without a setup key, against a real Keycloak standing where the management server
 * stands: the person reads the code from the terminal and confirms it in Keycloak; the sign-in is kept 0600 and
 * shown by {@code status}. Keycloak has no enrollment endpoint, so the run ends at that request, with its refusal.
 */
class SignInCommandKeycloakTest {

    private static final String REALM = "device-login-cli";
    private static final Person BOB = new Person("bob", "bob-password-1", "bob@example.com", "Bob", "Intern");
    private static final Pattern COMPLETE_URL = Pattern.compile("or open (\\S+)");

    private static KeycloakServer keycloak;

    @TempDir
    Path state;

    private final StringWriter errors = new StringWriter();
    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @BeforeAll
    static void realm() {
        keycloak = KeycloakServer.shared();
        KeycloakAdmin admin = keycloak.admin();
        admin.createRealm(REALM);
        // Here the person confirms while the CLI polls. With a consent page, Keycloak can approve the device code,
        // then a poll consumes it and finds the consent not yet committed by that same confirmation (DeviceGrantType
        // removes the code before checking consent): invalid_scope on a loaded machine. The consent page and its
        // refusal are tested where the confirmation ends before the first poll (OidcLoginKeycloakTest).
        admin.createPublicClient(REALM, PublicClient.netloomCli().withoutConsentPage());
        admin.createGroup(REALM, "Interns");
        admin.createUser(REALM, BOB, "Interns");
    }

    @AfterAll
    static void dropRealm() {
        if (keycloak != null) {
            keycloak.admin().deleteRealm(REALM);
        }
    }

    @BeforeEach
    void captureTerminal() {
        originalOut = System.out;
        System.setOut(new PrintStream(terminal, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreTerminal() {
        System.setOut(originalOut);
    }

    @Test
    void loginWithoutSetupKeyWhenThePersonConfirmsTheCodeThenSignedInKeptPrivateShownByStatusAndEnrollmentAsked()
            throws Exception {
        CompletableFuture<Integer> login = CompletableFuture.supplyAsync(() -> run("login", "--config",
                state.toString(), "--management-url", keycloak.issuer(REALM).toString(), "--allow-insecure-http",
                "--no-browser"));
        URI complete = awaitCompleteUrl(login);
        new KeycloakBrowser(BOB).approveDevice(complete);
        int exit = login.get(2, TimeUnit.MINUTES);

        String printed = terminal.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("To sign in, open " + keycloak.issuer(REALM) + "/device and enter the code ")
                .contains("Signed in as Bob Intern <bob@example.com>");
        // Keycloak has no /api/netloom/enroll: the enrollment request went out with the token, and its refusal is told.
        assertThat(exit).isEqualTo(1);
        assertThat(errors.toString()).contains("the management server refused the enrollment (404)");
        assertThat(state.resolve("enrollment.json")).doesNotExist();
        Path login1 = state.resolve("login.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(login1))).isEqualTo("rw-------");
        assertThat(Files.readString(login1)).contains("\"email\" : \"bob@example.com\"").contains("\"access_token\"");
        assertThat(printed).doesNotContain(accessTokenIn(login1));

        terminal.reset();
        int statusExit = run("status", "--config", state.toString());

        assertThat(statusExit).isEqualTo(StatusCommand.NOT_RUNNING);
        assertThat(terminal.toString(StandardCharsets.UTF_8)).contains("Signed in: Bob Intern <bob@example.com>")
                .contains("Login expires: ");
    }

    @Test
    void upWithoutSetupKeyOnADeviceNotEnrolledThenThePersonSignsInAndNoDaemonStartsWithoutEnrollment()
            throws Exception {
        CompletableFuture<Integer> up = CompletableFuture.supplyAsync(() -> run("up", "--config", state.toString(),
                "--management-url", keycloak.issuer(REALM).toString(), "--allow-insecure-http", "--no-browser"));
        new KeycloakBrowser(BOB).approveDevice(awaitCompleteUrl(up));
        int exit = up.get(2, TimeUnit.MINUTES);

        assertThat(terminal.toString(StandardCharsets.UTF_8)).as("printed, with errors: %s", errors)
                .contains("Signed in as Bob Intern <bob@example.com>");
        assertThat(exit).isEqualTo(1);
        assertThat(errors.toString()).contains("the management server refused the enrollment (404)");
        assertThat(state.resolve("enrollment.json")).doesNotExist();
        assertThat(state.resolve("daemon.sock")).doesNotExist();
    }

    private URI awaitCompleteUrl(CompletableFuture<Integer> login) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Matcher url = COMPLETE_URL.matcher(terminal.toString(StandardCharsets.UTF_8));
            if (url.find()) {
                return URI.create(url.group(1));
            }
            if (login.isDone()) {
                throw new AssertionError("login ended before showing a code: " + errors);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("login showed no verification URL: " + terminal);
    }

    private static String accessTokenIn(Path loginFile) throws java.io.IOException {
        Matcher token = Pattern.compile("\"access_token\" : \"([^\"]+)\"").matcher(Files.readString(loginFile));
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    private int run(String... arguments) {
        picocli.CommandLine commandLine = NetloomCommand.commandLine();
        commandLine.setErr(new PrintWriter(errors, true));
        return commandLine.execute(arguments);
    }
}
