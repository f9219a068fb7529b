package io.netloom.testsupport.keycloak;

import java.time.Duration;

/**
 * A public OAuth client as {@link KeycloakAdmin#createPublicClient} makes it.
 *
 * @param consentRequired whether the person confirms the grant on a page of its own (where a test can deny it)
 * @param deviceCodeLifespan how long a device code waits for the person
 * @param devicePollingInterval the {@code interval} Keycloak asks devices to keep between polls
 * @param groupsClaim the claim that carries the user's group names
 */
public record PublicClient(String clientId, boolean consentRequired, Duration deviceCodeLifespan,
        Duration devicePollingInterval, String groupsClaim) {

    /** The CLI's client as Netloom's docs describe it, with a consent page and a one-second polling interval. */
    public static PublicClient netloomCli() {
        return new PublicClient("netloom-cli", true, Duration.ofMinutes(10), Duration.ofSeconds(1), "groups");
    }

    public PublicClient withClientId(String id) {
        return new PublicClient(id, consentRequired, deviceCodeLifespan, devicePollingInterval, groupsClaim);
    }

    public PublicClient withoutConsentPage() {
        return new PublicClient(clientId, false, deviceCodeLifespan, devicePollingInterval, groupsClaim);
    }

    public PublicClient withDeviceCodeLifespan(Duration lifespan) {
        return new PublicClient(clientId, consentRequired, lifespan, devicePollingInterval, groupsClaim);
    }
}
