package io.netloom.testsupport.keycloak;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine: without it the test is skipped on a developer's machine, and fails in CI
 * ({@code CI=true}), so that a broken install step cannot pass as a skipped suite (as {@code RootTools} does).
 */
public final class Prerequisites {

    private Prerequisites() {
    }

    public static void require(boolean met, String prerequisite) {
        if (!met && "true".equals(System.getenv("CI"))) {
            Assertions.fail("CI=true and the test's prerequisite is missing: " + prerequisite);
        }
        Assumptions.assumeTrue(met, prerequisite);
    }
}
