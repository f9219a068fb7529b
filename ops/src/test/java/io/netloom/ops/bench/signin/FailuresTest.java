package io.netloom.ops.bench.signin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void kindWhenConfirmationRefusedThenStepAndStatus() {
        assertThat(Failures.kind("approving PRCV-GQZB answered 404 : {\"message\":\"not found\",\"code\":404}"))
                .isEqualTo("confirmation 404");
    }

    @Test
    void kindWhenTokenExchangeRefusedThenStepAndStatus() {
        assertThat(Failures.kind("token exchange answered 404: {\"message\":\"not found\"}")).isEqualTo("token exchange 404");
    }

    @Test
    void kindWhenNoAnswerThenSaysSo() {
        assertThat(Failures.kind("POST /oauth2/token: Connection reset")).isEqualTo("no answer: POST /oauth2/token: Connection reset");
    }

    @Test
    void toStringWhenCountedThenTotalAndKinds() {
        Failures failures = new Failures();
        failures.count(new IllegalStateException("token exchange answered 404: {}"));
        failures.count(new IllegalStateException("token exchange answered 404: {}"));
        failures.count(new IllegalStateException("approving AB answered 404 : {}"));

        assertThat(failures).hasToString("3 failed {confirmation 404=1, token exchange 404=2}");
        failures.reset();
        assertThat(failures).hasToString("no failures");
    }
}
