package io.netloom.server.limits;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code netloom.limits.*}: how many failed authentication attempts one source
 * address may make (separately for enrollment with a setup key, for trading a token at
 * {@code /oauth2/token}, and for {@code Token}/{@code Bearer} credentials on the API) before it is
 * answered 429 without its secret being looked at.
 *
 * @param failedAttempts failures allowed at once from one address; after them, one more per
 *     {@code failureWindow / failedAttempts}
 * @param failureWindow the time over which {@code failedAttempts} failures are forgiven
 * @param trackedAddresses the most source addresses remembered per kind of secret; bounds memory
 */
@ConfigurationProperties("netloom.limits")
public record LimitsProperties(
        @DefaultValue("20") int failedAttempts,
        @DefaultValue("1m") Duration failureWindow,
        @DefaultValue("100000") int trackedAddresses) {

    public LimitsProperties {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("netloom.limits.failed-attempts must be at least 1");
        }
        if (failureWindow.toMillis() < failedAttempts) {
            throw new IllegalArgumentException("netloom.limits.failure-window must be at least one millisecond "
                    + "per failed attempt");
        }
        if (trackedAddresses < 1) {
            throw new IllegalArgumentException("netloom.limits.tracked-addresses must be at least 1");
        }
    }
}
