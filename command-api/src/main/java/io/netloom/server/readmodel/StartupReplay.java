package io.netloom.server.readmodel;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

/**
 * Feeds one pass over the event store to two projections on two threads: the reading thread
 * deserializes and applies the first, a second thread applies the second in batches, in order.
 * At most {@link #BATCHES_IN_FLIGHT} batches wait, so a slow second stage bounds memory instead
 * of buffering the store.
 */
public final class StartupReplay {

    private static final int BATCH_SIZE = 1_000;
    private static final int BATCHES_IN_FLIGHT = 8;

    private StartupReplay() {
    }

    /**
     * What a replay applied: how many events, and the token of the last one (null for none), from which the tracking
     * processors continue ({@link ReadModelTail}).
     */
    public record Result(long count, TrackingToken lastToken) {
    }

    public static Result run(Stream<? extends TrackedEventMessage<?>> events, Object first, Object second) {
        AnnotationEventHandlerAdapter firstHandler = new AnnotationEventHandlerAdapter(first);
        AnnotationEventHandlerAdapter secondHandler = new AnnotationEventHandlerAdapter(second);
        ExecutorService secondStage = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "replay"));
        Semaphore inFlight = new Semaphore(BATCHES_IN_FLIGHT);
        List<Future<?>> submitted = new ArrayList<>();
        long count = 0;
        TrackingToken last = null;
        try {
            List<TrackedEventMessage<?>> batch = new ArrayList<>(BATCH_SIZE);
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                handle(firstHandler, event);
                batch.add(event);
                last = event.trackingToken();
                count++;
                if (batch.size() == BATCH_SIZE) {
                    submitted.add(submit(secondStage, inFlight, secondHandler, batch));
                    batch = new ArrayList<>(BATCH_SIZE);
                }
            }
            submitted.add(submit(secondStage, inFlight, secondHandler, batch));
            for (Future<?> done : submitted) {
                done.get();
            }
            return new Result(count, last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("replay failed", e.getCause());
        } finally {
            secondStage.shutdownNow();
        }
    }

    private static Future<?> submit(ExecutorService stage, Semaphore inFlight, AnnotationEventHandlerAdapter handler,
            List<TrackedEventMessage<?>> batch) throws InterruptedException {
        inFlight.acquire();
        return stage.submit(() -> {
            try {
                batch.forEach(event -> handle(handler, event));
            } finally {
                inFlight.release();
            }
        });
    }

    private static void handle(AnnotationEventHandlerAdapter handler, TrackedEventMessage<?> event) {
        try {
            handler.handle(event);
        } catch (Exception e) {
            throw new IllegalStateException("cannot replay event " + event.getIdentifier(), e);
        }
    }
}
