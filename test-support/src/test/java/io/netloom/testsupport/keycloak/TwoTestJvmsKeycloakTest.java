package io.netloom.testsupport.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Two test JVMs start a Keycloak each at the same time, as the surefire JVMs of two modules do under
 * {@code mvn -T 2} (ADR 0062): both come up, and the sweep of leftovers that every start runs stops neither.
 */
class TwoTestJvmsKeycloakTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void startWhenAnotherTestJvmStartsOneAtTheSameTimeThenBothAnswer() throws Exception {
        KeycloakDistribution.Located located = KeycloakDistribution.locate();
        Prerequisites.require(located.distribution().isPresent(), located.missing());
        KeycloakDistribution distribution = located.distribution().orElseThrow();
        Process otherJvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KeycloakInAnotherJvm.class.getName())
                .redirectErrorStream(true).start();
        CompletableFuture<OtherKeycloak> otherReady = CompletableFuture.supplyAsync(() -> awaitReady(otherJvm));
        try (KeycloakServer own = KeycloakServer.start(distribution)) {
            OtherKeycloak other = otherReady.get();
            System.err.printf("started at once: this JVM's Keycloak in %.1f s, the other JVM's in %.1f s%n",
                    own.startDuration().toMillis() / 1000.0, other.startDuration().toMillis() / 1000.0);

            KeycloakRuns.beside(distribution).sweepLeftovers();

            assertThat(masterRealmStatus(own.baseUrl())).as("this JVM's Keycloak").isEqualTo(200);
            assertThat(masterRealmStatus(other.baseUrl())).as("the other JVM's Keycloak").isEqualTo(200);
        } finally {
            otherJvm.getOutputStream().close();
            otherJvm.waitFor();
        }
    }

    /** Waits for the other JVM's ready line; what it prints before (its Keycloak's start, a failure) is passed on. */
    private static OtherKeycloak awaitReady(Process jvm) {
        try {
            BufferedReader lines = new BufferedReader(
                    new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith(KeycloakInAnotherJvm.READY)) {
                    String[] said = line.substring(KeycloakInAnotherJvm.READY.length()).split(" ");
                    return new OtherKeycloak(URI.create(said[0]), Duration.ofMillis(Long.parseLong(said[1])));
                }
                System.err.println("other JVM: " + line);
            }
            throw new IllegalStateException("the other JVM ended without a Keycloak (exit " + jvm.waitFor() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int masterRealmStatus(URI baseUrl) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private record OtherKeycloak(URI baseUrl, Duration startDuration) {
    }
}
