package io.netloom.server.axon;

import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a unit of work again when it failed only because an aggregate it loaded was stale (ADR 0056). With several
 * server processes on one store, the aggregate this process cached may lack events another process appended since;
 * appending after it breaks the store's unique (aggregate, sequence number), which Axon reports as a
 * {@link ConcurrencyException} (or an {@link AggregateStreamCreationException} for an aggregate's first event).
 * The rollback has evicted the cached copy (CachingEventSourcingRepository), so the next attempt loads it afresh and
 * decides again on current state. Nothing else is retried: a refused command, a claim taken by someone else (409)
 * and every other failure reach the caller after one attempt.
 */
public final class StaleAggregates {

    /** Runs after the first attempt: each one that fails this way means another process won a race just then. */
    static final int RETRIES = 3;

    private static final Logger log = LoggerFactory.getLogger(StaleAggregates.class);

    private StaleAggregates() {
    }

    /**
     * Runs {@code unitOfWork}, again up to {@link #RETRIES} times if it failed on a stale aggregate. Inside a unit of
     * work already started it runs once: only the outermost one can be rolled back and run again as a whole.
     */
    public static <T> T retried(Supplier<T> unitOfWork) {
        if (CurrentUnitOfWork.isStarted()) {
            return unitOfWork.get();
        }
        for (int retry = 0; ; retry++) {
            try {
                return unitOfWork.get();
            } catch (RuntimeException failure) {
                if (retry == RETRIES || !causedByStaleAggregate(failure)) {
                    throw failure;
                }
                log.debug("Running a unit of work again after a concurrent append by another process: {}",
                        failure.getMessage());
            }
        }
    }

    static boolean causedByStaleAggregate(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
