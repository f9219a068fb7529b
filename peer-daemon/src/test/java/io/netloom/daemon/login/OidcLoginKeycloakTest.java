package io.netloom.daemon.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.testsupport.keycloak.KeycloakAdmin;
import io.netloom.testsupport.keycloak.KeycloakBrowser;
import io.netloom.testsupport.keycloak.KeycloakServer;
import io.netloom.testsupport.keycloak.Person;
import io.netloom.testsupport.keycloak.PublicClient;
import io.netloom.tls.ServerTrust;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The device's OAuth client against a real Keycloak (test-support's fixture), the test playing the person on
 * Keycloak's pages over HTTP: both flows, and each way a sign-in can fail.
 */
class OidcLoginKeycloakTest {

    private static final String REALM = "device-login";
    private static final Person ALICE = new Person("alice", "alice-password-1", "alice@example.com", "Alice", "Engineer");
    private static final String SHORT_LIVED_CLIENT = "netloom-cli-short-codes";

    private static KeycloakServer keycloak;

    @BeforeAll
    static void realm() {
        keycloak = KeycloakServer.shared();
        KeycloakAdmin admin = keycloak.admin();
        admin.createRealm(REALM);
        admin.createPublicClient(REALM, PublicClient.netloomCli());
        admin.createPublicClient(REALM, PublicClient.netloomCli().withClientId(SHORT_LIVED_CLIENT)
                .withDeviceCodeLifespan(Duration.ofSeconds(2)));
        admin.createGroup(REALM, "Engineering");
        admin.createUser(REALM, ALICE, "Engineering");
    }

    @AfterAll
    static void dropRealm() {
        if (keycloak != null) {
            keycloak.admin().deleteRealm(REALM);
        }
    }

    @Test
    void signInWhenThePersonConfirmsTheDeviceCodeThenSignedInAsThemWithTheirGroups() throws Exception {
        AtomicReference<DeviceAuthorization> shown = new AtomicReference<>();

        SignIn signIn = login("netloom-cli", Pause.SLEEP).signIn(keycloak.issuer(REALM), Browser.NONE,
                devicePrompt(authorization -> {
                    shown.set(authorization);
                    new KeycloakBrowser(ALICE).approveDevice(authorization.verificationUriComplete().orElseThrow());
                }));

        assertThat(shown.get().prompt()).contains(shown.get().verificationUri().toString())
                .contains(shown.get().userCode()).contains("user_code=" + shown.get().userCode());
        assertThat(signIn.email()).isEqualTo("alice@example.com");
        assertThat(signIn.who()).isEqualTo("Alice Engineer <alice@example.com>");
        assertThat(signIn.groups()).containsExactly("Engineering");
        assertThat(signIn.issuer()).isEqualTo(keycloak.issuer(REALM).toString());
        assertThat(signIn.subject()).isEqualTo(keycloak.admin().userId(REALM, "alice"));
        assertThat(signIn.accessToken()).isNotBlank();
        assertThat(signIn.loginExpiresAt()).isAfter(Instant.now());
        assertThat(signIn.toString()).doesNotContain(signIn.accessToken()).doesNotContain(signIn.idToken());
    }

    @Test
    void signInWhenABrowserOpensThenAuthorizationCodeWithPkceComesBackOnTheLoopback() throws Exception {
        AtomicReference<URI> opened = new AtomicReference<>();
        AtomicReference<String> callbackPage = new AtomicReference<>();
        Browser browser = url -> {
            opened.set(url);
            callbackPage.set(new KeycloakBrowser(ALICE).authorize(url).body());
            return true;
        };

        SignIn signIn = login("netloom-cli", Pause.SLEEP).signIn(keycloak.issuer(REALM), browser, devicePrompt(
                authorization -> {
                    throw new AssertionError("the device flow must not start when a browser opens");
                }));

        assertThat(opened.get().getQuery()).contains("code_challenge_method=S256").contains("code_challenge=")
                .contains("state=").contains("redirect_uri=http://127.0.0.1:").contains("/callback");
        assertThat(callbackPage.get()).contains("Signed in");
        assertThat(signIn.email()).isEqualTo("alice@example.com");
        assertThat(signIn.groups()).containsExactly("Engineering");
    }

    @Test
    void signInWhenTheCallbackCarriesAnotherStateThenRefusedWithoutRedeemingTheCode() {
        Browser forging = url -> {
            URI callback = new KeycloakBrowser(ALICE).authorizeUntilCallback(url);
            URI forged = URI.create(callback.toString().replaceAll("state=[^&]*", "state=forged"));
            get(forged);
            return true;
        };

        assertThatThrownBy(() -> login("netloom-cli", Pause.SLEEP).signIn(keycloak.issuer(REALM), forging,
                devicePrompt(authorization -> {
                })))
                .isInstanceOf(LoginException.class)
                .hasMessageContaining("state this sign-in did not send").hasMessageContaining("nothing was redeemed");
    }

    @Test
    void signInWhenThePersonDeniesTheDeviceThenAccessDeniedSaidPlainly() {
        assertThatThrownBy(() -> login("netloom-cli", Pause.SLEEP).signIn(keycloak.issuer(REALM), Browser.NONE,
                devicePrompt(authorization -> new KeycloakBrowser(ALICE)
                        .denyDevice(authorization.verificationUriComplete().orElseThrow()))))
                .isInstanceOf(LoginException.class)
                .hasMessageContaining("the sign-in was denied").hasMessageContaining("not enrolled");
    }

    @Test
    void signInWhenNobodyConfirmsBeforeTheCodeExpiresThenExpiredSaidPlainly() {
        assertThatThrownBy(() -> login(SHORT_LIVED_CLIENT, Pause.SLEEP).signIn(keycloak.issuer(REALM), Browser.NONE,
                devicePrompt(authorization -> {
                })))
                .isInstanceOf(LoginException.class)
                .hasMessageContaining("expired before anyone confirmed it").hasMessageContaining("netloom login");
    }

    @Test
    void signInWhenPolledFasterThanTheIntervalThenSlowsDownByFiveSecondsAndStillSignsIn() throws Exception {
        List<Duration> pauses = new ArrayList<>();
        AtomicReference<DeviceAuthorization> shown = new AtomicReference<>();
        // The first two polls go out at once, too fast for Keycloak; the person confirms after the slow_down.
        Pause impatient = duration -> {
            pauses.add(duration);
            if (pauses.size() <= 2) {
                return;
            }
            if (pauses.size() == 3) {
                new KeycloakBrowser(ALICE).approveDevice(shown.get().verificationUriComplete().orElseThrow());
            }
            Thread.sleep(duration.toMillis());
        };

        SignIn signIn = login("netloom-cli", impatient).signIn(keycloak.issuer(REALM), Browser.NONE,
                devicePrompt(shown::set));

        assertThat(signIn.email()).isEqualTo("alice@example.com");
        assertThat(pauses.get(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(pauses.get(pauses.size() - 1)).isGreaterThanOrEqualTo(Duration.ofSeconds(6));
    }

    private static OidcLogin login(String clientId, Pause pause) {
        return new OidcLogin(ServerTrust.certificateAuthorities(), true, clientId, Clock.systemUTC(), pause,
                Duration.ofMinutes(2));
    }

    private interface DevicePrompt {
        void shown(DeviceAuthorization authorization);
    }

    private static OidcLogin.Prompts devicePrompt(DevicePrompt device) {
        return new OidcLogin.Prompts() {
            @Override
            public void browser(URI authorization) {
            }

            @Override
            public void device(DeviceAuthorization authorization) {
                device.shown(authorization);
            }
        };
    }

    private static void get(URI uri) {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            throw new AssertionError("the callback did not answer", e);
        }
    }
}
