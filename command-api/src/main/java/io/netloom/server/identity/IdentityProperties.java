package io.netloom.server.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code netloom.identity.*}: how people sign in through Netloom's authorization server.
 *
 * @param cliClientId the public OAuth client the {@code netloom} CLI signs people in with
 * @param accessTokenTtl how long a person's access token is valid; the CLI needs it only to enroll
 * @param deviceCodeTtl how long a device code and its user code wait for the person (RFC 8628 {@code expires_in})
 * @param devicePollInterval how long a device waits between polls of the token endpoint for its device code
 *     (RFC 8628 {@code interval}); whole seconds, as the response states it
 * @param minPasswordLength the shortest password the embedded user store accepts
 * @param offboardSetupKeyPeers whether blocking or deleting a user also cuts the peers enrolled with the setup
 *     keys that user created (on by default: a leaver's servers should not keep their access silently)
 */
@ConfigurationProperties("netloom.identity")
public record IdentityProperties(
        @DefaultValue("netloom-cli") String cliClientId,
        @DefaultValue("10m") Duration accessTokenTtl,
        @DefaultValue("10m") Duration deviceCodeTtl,
        @DefaultValue("5s") Duration devicePollInterval,
        @DefaultValue("12") int minPasswordLength,
        @DefaultValue("true") boolean offboardSetupKeyPeers) {

    /** Longer-lived bearer tokens would be worth stealing, and would keep retired signing keys published. */
    private static final Duration LONGEST_ACCESS_TOKEN_TTL = Duration.ofHours(1);
    /** Longer would keep a person waiting for their device after confirming its code. */
    private static final Duration LONGEST_DEVICE_POLL_INTERVAL = Duration.ofMinutes(1);

    public IdentityProperties {
        if (cliClientId.isBlank()) {
            throw new IllegalArgumentException("netloom.identity.cli-client-id must not be empty");
        }
        if (cliClientId.equals(NetloomConsoleClient.CLIENT_ID)) {
            throw new IllegalArgumentException("netloom.identity.cli-client-id must differ from the console's, "
                    + NetloomConsoleClient.CLIENT_ID);
        }
        if (accessTokenTtl.isNegative() || accessTokenTtl.isZero()
                || accessTokenTtl.compareTo(LONGEST_ACCESS_TOKEN_TTL) > 0) {
            throw new IllegalArgumentException("netloom.identity.access-token-ttl must be between 1 s and 1 h");
        }
        if (deviceCodeTtl.toSeconds() < 60) {
            throw new IllegalArgumentException("netloom.identity.device-code-ttl must be at least 1 minute");
        }
        if (devicePollInterval.getNano() != 0 || devicePollInterval.toSeconds() < 1
                || devicePollInterval.compareTo(LONGEST_DEVICE_POLL_INTERVAL) > 0) {
            throw new IllegalArgumentException(
                    "netloom.identity.device-poll-interval must be whole seconds from 1 s to 60 s");
        }
        if (minPasswordLength < 8) {
            throw new IllegalArgumentException("netloom.identity.min-password-length must be at least 8");
        }
    }
}
