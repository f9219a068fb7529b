package io.netloom.testsupport.keycloak;

import java.io.OutputStream;

/**
 * The second test JVM of {@link TwoTestJvmsKeycloakTest}: starts a Keycloak of its own, tells its URL on standard
 * output, and stops it when its standard input ends.
 */
final class KeycloakInAnotherJvm {

    static final String READY = "keycloak-ready ";

    private KeycloakInAnotherJvm() {
    }

    public static void main(String[] args) throws Exception {
        KeycloakDistribution distribution = KeycloakDistribution.locate().distribution().orElseThrow();
        try (KeycloakServer keycloak = KeycloakServer.start(distribution)) {
            System.out.println(READY + keycloak.baseUrl() + " " + keycloak.startDuration().toMillis());
            System.in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
