package io.netloom.server.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.domain.common.CommandRejectedException;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

class StaleAggregatesTest {

    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void retriedWhenStaleTwiceThenThirdAttemptsResultReturned() {
        String result = StaleAggregates.retried(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new ConcurrencyException("sequence number 4 taken");
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void retriedWhenAlwaysStaleThenGivesUpAfterThreeRetries() {
        assertThatThrownBy(() -> StaleAggregates.retried(() -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("wrapped", new AggregateStreamCreationException("stream exists"));
        })).hasRootCauseInstanceOf(AggregateStreamCreationException.class);

        assertThat(attempts).hasValue(1 + StaleAggregates.RETRIES);
    }

    @Test
    void retriedWhenOtherFailureThenRunsOnce() {
        assertThatThrownBy(() -> StaleAggregates.retried(() -> {
            attempts.incrementAndGet();
            throw CommandRejectedException.preconditionFailed("name taken");
        })).isInstanceOf(CommandRejectedException.class);

        assertThat(attempts).hasValue(1);
    }

    @Test
    void retriedWhenInsideUnitOfWorkThenRunsOnceAndLeavesRetryToOutermost() {
        DefaultUnitOfWork<?> outer = DefaultUnitOfWork.startAndGet(null);
        try {
            assertThatThrownBy(() -> StaleAggregates.retried(() -> {
                attempts.incrementAndGet();
                throw new ConcurrencyException("sequence number 4 taken");
            })).isInstanceOf(ConcurrencyException.class);
        } finally {
            outer.rollback();
        }

        assertThat(attempts).hasValue(1);
    }
}
