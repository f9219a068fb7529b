package io.netloom.daemon.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayRotationTest {

    private static final URI A = URI.create("wss://gw-a.example:33080/v2/peer");
    private static final URI B = URI.create("wss://gw-b.example:33080/v2/peer");
    private static final URI C = URI.create("wss://gw-c.example:33080/v2/peer");

    @Test
    void failedWhenSessionOnFirstEndsThenNextTriedAtOnceInListOrder() {
        GatewayRotation rotation = new GatewayRotation(List.of(A, B, C));
        rotation.signedIn();

        Duration wait = rotation.failed();

        assertThat(wait).isZero();
        assertThat(rotation.current()).isEqualTo(B);
    }

    @Test
    void failedWhenWholeRoundFailsThenBackOffDoublingToFifteenSecondsWithoutWaitInsideARound() {
        GatewayRotation rotation = new GatewayRotation(List.of(A, B, C));
        List<URI> tried = new ArrayList<>();
        List<Duration> waits = new ArrayList<>();

        for (int attempt = 0; attempt < 21; attempt++) {
            tried.add(rotation.current());
            waits.add(rotation.failed());
        }

        assertThat(tried.subList(0, 6)).containsExactly(A, B, C, A, B, C);
        assertThat(waits.subList(0, 9)).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ofMillis(500),
                Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO, Duration.ofSeconds(2));
        assertThat(waits.stream().filter(wait -> !wait.isZero()).toList()).containsExactly(Duration.ofMillis(500),
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(15), Duration.ofSeconds(15));
    }

    @Test
    void signedInWhenAfterBackOffThenNextRoundStartsWithoutWaitAndFirstBackOffAgain() {
        GatewayRotation rotation = new GatewayRotation(List.of(A, B));
        rotation.failed();
        rotation.failed();
        rotation.failed();
        rotation.failed();
        rotation.signedIn();

        assertThat(rotation.failed()).isZero();
        assertThat(rotation.failed()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void failedWhenOneUrlThenBackOffAsBeforeTheList() {
        GatewayRotation rotation = new GatewayRotation(List.of(A));

        assertThat(List.of(rotation.failed(), rotation.failed(), rotation.failed())).containsExactly(
                Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(rotation.current()).isEqualTo(A);
    }

    @Test
    void newWhenNoUrlThenRefused() {
        assertThatThrownBy(() -> new GatewayRotation(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
