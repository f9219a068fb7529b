package io.netloom.server.identity.logout;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The {@code jti} of every logout token accepted while it could still be accepted, so that one replayed within
 * that window is refused (section 2.6, step 10). In memory: a token older than {@link LogoutTokenValidator#MAX_AGE}
 * is refused for its age anyway, so an identifier needs to be remembered only that long, and a restart forgets only
 * tokens whose replay would end logins that the first delivery already ended (ADR 0027). Bounded: only the
 * provider can sign tokens, yet a provider gone wrong must not fill the heap; at the bound new tokens are refused
 * rather than old identifiers forgotten.
 */
public final class SeenLogoutTokens {

    static final int DEFAULT_CAPACITY = 100_000;

    private final Clock clock;
    private final int capacity;
    private final Map<String, Instant> forgetAt = new HashMap<>();

    public SeenLogoutTokens(Clock clock) {
        this(clock, DEFAULT_CAPACITY);
    }

    SeenLogoutTokens(Clock clock, int capacity) {
        this.clock = clock;
        this.capacity = capacity;
    }

    /**
     * Remembers the identifier until {@code until}; false if it was already seen (a replay) or the store is full.
     *
     * @param key the provider and the token's {@code jti}: identifiers are unique per issuer only
     */
    public synchronized boolean firstTime(String key, Instant until) {
        Instant now = clock.instant();
        Instant known = forgetAt.get(key);
        if (known != null && known.isAfter(now)) {
            return false;
        }
        if (forgetAt.size() >= capacity) {
            forgetExpired(now);
            if (forgetAt.size() >= capacity) {
                throw new InvalidLogoutTokenException("too many logout tokens at once; send it again later");
            }
        }
        forgetAt.put(key, until);
        return true;
    }

    /** Forgets the identifier, so that it is taken the next time. */
    public synchronized void forget(String key) {
        forgetAt.remove(key);
    }

    synchronized int size() {
        return forgetAt.size();
    }

    private void forgetExpired(Instant now) {
        for (Iterator<Instant> expiries = forgetAt.values().iterator(); expiries.hasNext(); ) {
            if (!expiries.next().isAfter(now)) {
                expiries.remove();
            }
        }
    }
}
