package io.netloom.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.testsupport.keycloak.KeycloakAdmin;
import io.netloom.testsupport.keycloak.KeycloakBrowser;
import io.netloom.testsupport.keycloak.KeycloakServer;
import io.netloom.testsupport.keycloak.Person;
import io.netloom.testsupport.keycloak.PublicClient;
import io.netloom.testsupport.terminal.CapturedTerminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netloom login} without a setup key, against a real Keycloak standing where the management server
 * stands: the person reads the code from the terminal and confirms it in Keycloak; the sign-in is kept 0600 and
 * shown by {@code status}. Keycloak has no enrollment endpoint, so the run ends at that request, with its refusal.
 */
class SignInCommandKeycloakTest {

    private static final String REALM = "device-login-cli";
    private static final Person BOB = new Person("bob", "bob-password-1", "bob@example.com", "Bob", "Intern");

    private static KeycloakServer keycloak;

    @TempDir
    Path state;

    private final StringWriter errors = new StringWriter();
    @RegisterExtension
    final CapturedTerminal terminal = new CapturedTerminal();

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

    @Test
    void loginWithoutSetupKeyWhenThePersonConfirmsTheCodeThenSignedInKeptPrivateShownByStatusAndEnrollmentAsked()
            throws Exception {
        CompletableFuture<Integer> login = CompletableFuture.supplyAsync(() -> run("login", "--config",
                state.toString(), "--management-url", keycloak.issuer(REALM).toString(), "--allow-insecure-http",
                "--no-browser"));
        URI complete = terminal.awaitCompleteUrl(login, errors::toString, Duration.ofMinutes(1));
        new KeycloakBrowser(BOB).approveDevice(complete);
        int exit = login.get(2, TimeUnit.MINUTES);

        String printed = terminal.text();
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
        assertThat(terminal.text()).contains("Signed in: Bob Intern <bob@example.com>")
                .contains("Login expires: ");
    }

    @Test
    void upWithoutSetupKeyOnADeviceNotEnrolledThenThePersonSignsInAndNoDaemonStartsWithoutEnrollment()
            throws Exception {
        CompletableFuture<Integer> up = CompletableFuture.supplyAsync(() -> run("up", "--config", state.toString(),
                "--management-url", keycloak.issuer(REALM).toString(), "--allow-insecure-http", "--no-browser"));
        new KeycloakBrowser(BOB).approveDevice(terminal.awaitCompleteUrl(up, errors::toString, Duration.ofMinutes(1)));
        int exit = up.get(2, TimeUnit.MINUTES);

        assertThat(terminal.text()).as("printed, with errors: %s", errors)
                .contains("Signed in as Bob Intern <bob@example.com>");
        assertThat(exit).isEqualTo(1);
        assertThat(errors.toString()).contains("the management server refused the enrollment (404)");
        assertThat(state.resolve("enrollment.json")).doesNotExist();
        assertThat(state.resolve("daemon.sock")).doesNotExist();
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
