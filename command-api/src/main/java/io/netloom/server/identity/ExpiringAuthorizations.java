package io.netloom.server.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The authorization server's sign-ins in progress and the tokens they issued, in memory: device codes,
 * user codes, authorization codes and access tokens live minutes and are not worth surviving a restart (a
 * person whose sign-in a restart interrupts starts it again).
 *
 * <p>Spring's {@code InMemoryOAuth2AuthorizationService} is made for tests: it is not safe for concurrent
 * sign-ins (lookups fail with a {@code ConcurrentModificationException}), forgets a person's sign-in once a
 * hundred others wait, keeps every completed authorization for the life of the process and scans them all at
 * each lookup. Here every token value is indexed, an authorization is dropped once its last token expired
 * (and {@link AuthorizationLifetime#AFTER_EXPIRY} passed; holding none, once a person has had
 * {@link AuthorizationLifetime#UNFINISHED_LIFETIME} to finish), and only an absurd number of waiting sign-ins pushes
 * the oldest out. This is the store of a process that runs alone; a cluster's is {@link HazelcastAuthorizations}.
 */
public final class ExpiringAuthorizations implements SignInAuthorizations {

    /** Far above any real number of people signing in at once; bounds what a flood of device requests holds. */
    static final int DEFAULT_CAPACITY = 20_000;
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(10);

    private final Clock clock;
    private final int capacity;
    /** Oldest saved first, so that the capacity pushes out the sign-in waiting longest. */
    private final LinkedHashMap<String, Stored> byId = new LinkedHashMap<>();
    private final Map<String, String> idByToken = new HashMap<>();
    private Instant nextSweep;

    private record Stored(OAuth2Authorization authorization, Instant savedAt, List<String> tokenKeys) {
    }

    public ExpiringAuthorizations(Clock clock) {
        this(clock, DEFAULT_CAPACITY);
    }

    ExpiringAuthorizations(Clock clock, int capacity) {
        this.clock = clock;
        this.capacity = capacity;
        this.nextSweep = clock.instant().plus(SWEEP_INTERVAL);
    }

    @Override
    public synchronized void save(OAuth2Authorization authorization) {
        Instant now = clock.instant();
        forget(authorization.getId());
        List<String> keys = AuthorizationLifetime.tokenKeys(authorization);
        byId.put(authorization.getId(), new Stored(authorization, now, keys));
        keys.forEach(key -> idByToken.put(key, authorization.getId()));
        if (!now.isBefore(nextSweep)) {
            sweep(now);
        }
        while (byId.size() > capacity) {
            forget(byId.keySet().iterator().next());
        }
    }

    @Override
    public synchronized void remove(OAuth2Authorization authorization) {
        forget(authorization.getId());
    }

    @Override
    public synchronized int removeAllOf(String principalName) {
        List<String> ids = byId.values().stream().map(Stored::authorization)
                .filter(authorization -> principalName.equals(authorization.getPrincipalName()))
                .map(OAuth2Authorization::getId).toList();
        ids.forEach(this::forget);
        return ids.size();
    }

    @Override
    public synchronized OAuth2Authorization findById(String id) {
        return live(byId.get(id));
    }

    @Override
    public synchronized OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        if (token == null) {
            return null;
        }
        for (String key : AuthorizationLifetime.lookupKeys(token, tokenType)) {
            String id = idByToken.get(key);
            if (id != null) {
                return live(byId.get(id));
            }
        }
        return null;
    }

    synchronized int size() {
        return byId.size();
    }

    private OAuth2Authorization live(Stored stored) {
        if (stored == null) {
            return null;
        }
        if (isExpired(stored, clock.instant())) {
            forget(stored.authorization().getId());
            return null;
        }
        return stored.authorization();
    }

    private void sweep(Instant now) {
        Iterator<Stored> all = byId.values().iterator();
        while (all.hasNext()) {
            Stored stored = all.next();
            if (isExpired(stored, now)) {
                all.remove();
                stored.tokenKeys().forEach(idByToken::remove);
            }
        }
        nextSweep = now.plus(SWEEP_INTERVAL);
    }

    private void forget(String id) {
        Stored stored = byId.remove(id);
        if (stored != null) {
            stored.tokenKeys().forEach(idByToken::remove);
        }
    }

    private static boolean isExpired(Stored stored, Instant now) {
        return AuthorizationLifetime.keptUntil(stored.authorization(), stored.savedAt()).isBefore(now);
    }
}
