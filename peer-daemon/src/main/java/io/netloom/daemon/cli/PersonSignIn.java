package io.netloom.daemon.cli;

import io.netloom.daemon.login.Browser;
import io.netloom.daemon.login.DeviceAuthorization;
import io.netloom.daemon.login.LoginException;
import io.netloom.daemon.login.OidcLogin;
import io.netloom.daemon.login.Pause;
import io.netloom.daemon.login.SignIn;
import io.netloom.daemon.state.StateDirectory;
import io.netloom.daemon.state.StateFiles;
import io.netloom.enrollment.PeerConfiguration;
import io.netloom.tls.ServerTrust;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/** The CLI's side of a person's sign-in: what it prints, and the sign-in kept (0600) in the state directory. */
final class PersonSignIn {

    private static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(10);

    private PersonSignIn() {
    }

    static SignIn signIn(StateDirectory state, URI server, ServerTrust trust, boolean allowInsecureHttp,
            SignInOptions options) throws IOException {
        OidcLogin login = new OidcLogin(trust, allowInsecureHttp, options.clientId, Clock.systemUTC(), Pause.SLEEP,
                BROWSER_TIMEOUT);
        SignIn signIn;
        try {
            signIn = login.signIn(server, options.noBrowser ? Browser.NONE : Browser.desktop(), new OidcLogin.Prompts() {
                @Override
                public void browser(URI authorization) {
                    System.out.println("Your browser was asked to open the sign-in page. If it did not, open\n  "
                            + authorization + "\nor run `netloom login --no-browser` to sign in with a code.");
                }

                @Override
                public void device(DeviceAuthorization authorization) {
                    System.out.print(authorization.prompt());
                    System.out.flush();
                }
            });
        } catch (LoginException e) {
            throw new CliException(e.getMessage());
        }
        StateFiles.write(state.login(), signIn);
        System.out.println((signIn.knowsWho() ? "Signed in as " + signIn.who() : "Signed in at " + signIn.issuer())
                + "; the login expires at " + signIn.loginExpiresAt());
        return signIn;
    }

    /**
     * Who signed in, from the server's enrollment answer, for a sign-in whose issuer sent no ID token (Netloom's own
     * server sends none for the device grant): kept for {@code status}, and shown.
     */
    static void enrolledAs(StateDirectory state, SignIn signIn, PeerConfiguration.User person) throws IOException {
        if (signIn.knowsWho() || person == null) {
            return;
        }
        SignIn known = signIn.withPerson(person.id(), person.email(), person.name());
        StateFiles.write(state.login(), known);
        System.out.println("Signed in as " + known.who());
    }
}
