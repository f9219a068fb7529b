package io.netloom.daemon.login;

import io.netloom.tls.ServerTrust;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Signs a person in on this device against the OIDC issuer a server names in its discovery document: in the
 * browser (authorization code with PKCE on a loopback redirect) where one can be opened, else with a code
 * confirmed on another device (RFC 8628). Standard OAuth 2.0 and OpenID Connect only, so it works against
 * Netloom's own server and any other issuer alike.
 */
public final class OidcLogin {

    /** Who signs in, what they see, and which claims come back: the profile and e-mail for {@code status}. */
    static final String SCOPE = "openid profile email";

    private final OidcHttp http;
    private final String clientId;
    private final Clock clock;
    private final Pause pause;
    private final Duration browserTimeout;

    /**
     * @param trust the server's trust (its pinned certificate, else the certificate authorities), for every call
     * @param allowInsecureHttp whether http:// endpoints are acceptable (a lab server)
     */
    public OidcLogin(ServerTrust trust, boolean allowInsecureHttp, String clientId, Clock clock, Pause pause,
            Duration browserTimeout) {
        this.http = new OidcHttp(trust, allowInsecureHttp);
        this.clientId = clientId;
        this.clock = clock;
        this.pause = pause;
        this.browserTimeout = browserTimeout;
    }

    /** What the person is shown while signing in. */
    public interface Prompts {
        /** The browser was asked to open this page; shown so it can be opened by hand too. */
        void browser(URI authorization);

        /** Where to confirm the device's code. */
        void device(DeviceAuthorization authorization);
    }

    /**
     * Signs in at {@code server}'s issuer: in {@code browser} if it opens, else by code.
     *
     * @throws LoginException with a message for the person: the issuer is unreachable or untrusted, the person
     *     refused, the code expired, the browser came back with a wrong state...
     */
    public SignIn signIn(URI server, Browser browser, Prompts prompts) throws LoginException {
        OidcProvider provider = OidcDiscovery.discover(http, server);
        TokenEndpoint tokens = new TokenEndpoint(http, provider, clientId, clock);
        if (browser != Browser.NONE) {
            Optional<SignIn> signedIn = new BrowserLogin(provider, tokens, browserTimeout)
                    .signIn(SCOPE, browser, prompts::browser);
            if (signedIn.isPresent()) {
                return signedIn.get();
            }
        }
        Consumer<DeviceAuthorization> prompt = prompts::device;
        return new DeviceLogin(http, provider, tokens, clock, pause).signIn(SCOPE, prompt);
    }
}
