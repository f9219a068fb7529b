package io.netloom.daemon.sync;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Which gateway the daemon tries next, and when (ADR 0057). The server's gateway processes are equals: after a
 * session ends or an attempt fails, the next URL is tried at once, so a peer of a killed process is on another one
 * within a connection set-up. Only a whole round of URLs without a session backs off, from half a second doubling to
 * fifteen, as one URL always did; a session signed in starts the next round without delay. Used on one thread.
 */
final class GatewayRotation {

    static final Duration FIRST_RETRY = Duration.ofMillis(500);
    static final Duration LAST_RETRY = Duration.ofSeconds(15);

    private final List<URI> urls;
    private int current;
    private int failuresInRound;
    private Duration retryDelay = FIRST_RETRY;

    GatewayRotation(List<URI> urls) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one gateway URL is needed");
        }
        this.urls = List.copyOf(urls);
    }

    /** The URL to connect to now. */
    URI current() {
        return urls.get(current);
    }

    /** A session signed in at {@link #current()}: the next failure starts a round without waiting. */
    void signedIn() {
        failuresInRound = 0;
        retryDelay = FIRST_RETRY;
    }

    /**
     * The attempt at {@link #current()} failed or its session ended: moves on to the next URL and says how long to wait
     * before trying it; zero until every URL of the round has failed.
     */
    Duration failed() {
        current = (current + 1) % urls.size();
        failuresInRound++;
        if (failuresInRound < urls.size()) {
            return Duration.ZERO;
        }
        failuresInRound = 0;
        Duration wait = retryDelay;
        retryDelay = retryDelay.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retryDelay.multipliedBy(2);
        return wait;
    }
}
