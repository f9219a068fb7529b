package io.netloom.daemon.login;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The OAuth 2.0 Device Authorization Grant (RFC 8628): asks for a device code, shows the person where to
 * confirm it, and polls the token endpoint at the interval the issuer asked for (5 s more after each
 * {@code slow_down}) until the person confirmed, refused, or the code expired.
 */
final class DeviceLogin {

    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";
    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    private static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);

    private final OidcHttp http;
    private final OidcProvider provider;
    private final TokenEndpoint tokens;
    private final Clock clock;
    private final Pause pause;

    DeviceLogin(OidcHttp http, OidcProvider provider, TokenEndpoint tokens, Clock clock, Pause pause) {
        this.http = http;
        this.provider = provider;
        this.tokens = tokens;
        this.clock = clock;
        this.pause = pause;
    }

    SignIn signIn(String scope, Consumer<DeviceAuthorization> prompt) throws LoginException {
        URI endpoint = provider.deviceAuthorizationEndpoint().orElseThrow(() -> new LoginException(
                provider.issuer() + " does not offer sign-in by code (no device authorization endpoint)"));
        OidcHttp.Answer answer = http.postForm(endpoint, Map.of("client_id", tokens.clientId(), "scope", scope));
        if (answer.status() != 200) {
            throw new LoginException("the sign-in service refused to start a device sign-in for client "
                    + tokens.clientId() + " (" + TokenEndpoint.refusal(answer) + ")");
        }
        String deviceCode = answer.text("device_code");
        String userCode = answer.text("user_code");
        String verificationUri = answer.text("verification_uri");
        if (deviceCode == null || userCode == null || verificationUri == null) {
            throw new LoginException("the sign-in service's device authorization lacks a code or a verification URL");
        }
        Duration expiresIn = Duration.ofSeconds(answer.body().path("expires_in").asLong(600));
        Duration interval = answer.body().has("interval")
                ? Duration.ofSeconds(Math.max(1, answer.body().path("interval").asLong())) : DEFAULT_INTERVAL;
        DeviceAuthorization authorization = new DeviceAuthorization(URI.create(verificationUri), userCode,
                Optional.ofNullable(answer.text("verification_uri_complete")).map(URI::create), expiresIn);
        prompt.accept(authorization);
        return poll(deviceCode, authorization, interval, clock.instant().plus(expiresIn));
    }

    private SignIn poll(String deviceCode, DeviceAuthorization authorization, Duration interval, Instant expiresAt)
            throws LoginException {
        Map<String, String> grant = Map.of("grant_type", GRANT_TYPE, "device_code", deviceCode,
                "client_id", tokens.clientId());
        Duration wait = interval;
        while (true) {
            try {
                pause.pause(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LoginException("sign-in interrupted");
            }
            OidcHttp.Answer answer = tokens.redeem(grant);
            if (answer.status() == 200) {
                return tokens.signIn(answer, null, false);
            }
            String error = String.valueOf(answer.text("error"));
            switch (error) {
                case "authorization_pending" -> {
                    // the person has not confirmed yet
                }
                case "slow_down" -> wait = wait.plus(SLOW_DOWN_STEP);
                case "access_denied" -> throw new LoginException("the sign-in was denied at "
                        + authorization.verificationUri() + "; this device was not enrolled. Run `netloom login` "
                        + "again to retry");
                case "expired_token" -> throw expired(authorization);
                default -> throw new LoginException("the sign-in service refused the sign-in ("
                        + TokenEndpoint.refusal(answer) + "); this device was not enrolled");
            }
            if (!clock.instant().isBefore(expiresAt)) {
                throw expired(authorization);
            }
        }
    }

    private static LoginException expired(DeviceAuthorization authorization) {
        return new LoginException("the code " + authorization.userCode() + " expired before anyone confirmed it; this "
                + "device was not enrolled. Run `netloom login` again for a new code");
    }
}
