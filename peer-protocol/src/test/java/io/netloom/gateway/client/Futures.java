package io.netloom.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.gateway.protocol.Wire;
import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Blocking helpers for the client tests, which drive Vert.x from the test thread. */
final class Futures {

    private Futures() {
    }

    /** The future's result; its failure is rethrown as an {@link IllegalStateException} whose cause it is. */
    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A frame the test's fake gateway received, which the tests' own clients always send well-formed. */
    static JsonNode read(String text) {
        try {
            return Wire.read(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
