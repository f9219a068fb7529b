package io.netloom.testsupport.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The Keycloak server that test-support's build unpacked from Maven Central, and the Java runtime it needs
 * (21 or later; the machines' default Java is 17). Either can be moved with an environment variable:
 * {@code NETLOOM_KEYCLOAK_HOME}, {@code NETLOOM_KEYCLOAK_JAVA_HOME}.
 */
public record KeycloakDistribution(String version, Path home, Path javaHome) {

    public static final Path DEFAULT_JAVA_HOME = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    /** The distribution and JDK of this build, or why they cannot be used (a sentence for the test report). */
    static Located locate() {
        Properties built = new Properties();
        try (InputStream in = KeycloakDistribution.class.getResourceAsStream("/netloom-keycloak.properties")) {
            if (in == null) {
                return Located.missing("test-support's netloom-keycloak.properties is not on the class path");
            }
            built.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path home = Path.of(Optional.ofNullable(System.getenv("NETLOOM_KEYCLOAK_HOME")).orElse(built.getProperty("home")));
        Path javaHome = Optional.ofNullable(System.getenv("NETLOOM_KEYCLOAK_JAVA_HOME")).map(Path::of)
                .orElse(DEFAULT_JAVA_HOME);
        if (!Files.isRegularFile(home.resolve("bin/kc.sh")) || !Files.isRegularFile(home.resolve("lib/quarkus-run.jar"))) {
            return Located.missing("the Keycloak " + built.getProperty("version") + " distribution is not unpacked at "
                    + home + " (test-support's build unpacks org.keycloak:keycloak-quarkus-dist unless -DskipTests; "
                    + "or set NETLOOM_KEYCLOAK_HOME)");
        }
        if (!Files.isExecutable(javaHome.resolve("bin/java")) || featureVersion(javaHome) < 21) {
            return Located.missing("Keycloak needs Java 21 or later, expected at " + javaHome + " (the Temurin 25 "
                    + "JDK beside the default Java 17: see the machine's env notes; or set NETLOOM_KEYCLOAK_JAVA_HOME)");
        }
        return new Located(Optional.of(new KeycloakDistribution(built.getProperty("version"), home, javaHome)), null);
    }

    /** The feature release of a JDK, from its {@code release} file; 0 when it cannot be told. */
    private static int featureVersion(Path javaHome) {
        try {
            Properties release = new Properties();
            try (InputStream in = Files.newInputStream(javaHome.resolve("release"))) {
                release.load(in);
            }
            String version = release.getProperty("JAVA_VERSION", "\"0\"").replace("\"", "");
            return Integer.parseInt(version.split("[.+-]")[0]);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    record Located(Optional<KeycloakDistribution> distribution, String missing) {
        static Located missing(String why) {
            return new Located(Optional.empty(), why);
        }
    }
}
