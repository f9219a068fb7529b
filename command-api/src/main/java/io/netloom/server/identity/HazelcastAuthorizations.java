package io.netloom.server.identity;

import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import com.hazelcast.query.Predicate;
import io.netloom.server.security.SecretTokens;
import java.io.Serial;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The sign-ins in progress of a cluster of server processes (ADR 0061), in two Hazelcast maps that every process
 * reads: authorizations by id, and the id by each of their tokens, so that a device polls any process with the code
 * a person confirmed on another, and a console trades its authorization code wherever its request lands. Each entry
 * lives as long as {@link ExpiringAuthorizations} would keep it (Hazelcast drops it then, on every member); a member
 * that dies takes nothing with it (each entry has a backup on another member).
 *
 * <p>Authorizations travel as Java serialization ({@code OAuth2Authorization} and the principals it holds are
 * {@code Serializable}): every member runs the same build. One the member cannot read (a process of another version
 * during an upgrade) counts as absent — the person starts that sign-in again. Token values are bearer secrets and
 * are kept as keys only hashed, so no listing of the maps shows one.
 */
public final class HazelcastAuthorizations implements SignInAuthorizations {

    static final String AUTHORIZATIONS_MAP = "netloom.sign-in.authorizations";
    static final String TOKENS_MAP = "netloom.sign-in.tokens";
    /** An authorization holds a state and at most six tokens. */
    private static final int KEYS_PER_AUTHORIZATION = 7;
    private static final Logger log = LoggerFactory.getLogger(HazelcastAuthorizations.class);

    private final IMap<String, Stored> byId;
    private final IMap<String, String> idByToken;
    private final Clock clock;

    /** What is kept of an authorization: itself, its principal's name (for the search), its tokens' hashed keys. */
    record Stored(OAuth2Authorization authorization, String principalName, List<String> tokenKeys)
            implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;
    }

    public HazelcastAuthorizations(HazelcastInstance hazelcast, Clock clock) {
        this(hazelcast, clock, ExpiringAuthorizations.DEFAULT_CAPACITY);
    }

    HazelcastAuthorizations(HazelcastInstance hazelcast, Clock clock, int capacity) {
        // Bounds what a flood of device requests holds, on each member, as the capacity does on one process. Every
        // member adds the same settings, which Hazelcast accepts; the maps are created with them on first use.
        hazelcast.getConfig().addMapConfig(bounded(AUTHORIZATIONS_MAP, capacity));
        hazelcast.getConfig().addMapConfig(bounded(TOKENS_MAP, capacity * KEYS_PER_AUTHORIZATION));
        this.byId = hazelcast.getMap(AUTHORIZATIONS_MAP);
        this.idByToken = hazelcast.getMap(TOKENS_MAP);
        this.clock = clock;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        Instant now = clock.instant();
        long ttl = Duration.between(now, AuthorizationLifetime.keptUntil(authorization, now)).toMillis();
        if (ttl <= 0) {
            remove(authorization);
            return;
        }
        List<String> keys = AuthorizationLifetime.tokenKeys(authorization).stream().map(SecretTokens::hash)
                .toList();
        // The tokens first: a lookup never finds a key whose authorization is not yet there for long.
        keys.forEach(key -> idByToken.set(key, authorization.getId(), ttl, TimeUnit.MILLISECONDS));
        Stored previous = read(() -> byId.put(authorization.getId(),
                new Stored(authorization, authorization.getPrincipalName(), keys), ttl, TimeUnit.MILLISECONDS));
        if (previous != null) {
            Set<String> gone = new HashSet<>(previous.tokenKeys());
            keys.forEach(gone::remove);
            gone.forEach(idByToken::delete);
        }
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        forget(authorization.getId());
    }

    @Override
    public int removeAllOf(String principalName) {
        Predicate<String, Stored> ofPerson = entry -> principalName.equals(entry.getValue().principalName());
        Set<String> ids = byId.keySet(ofPerson);
        ids.forEach(this::forget);
        return ids.size();
    }

    @Override
    public OAuth2Authorization findById(String id) {
        Stored stored = read(() -> byId.get(id));
        return stored == null ? null : stored.authorization();
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        if (token == null) {
            return null;
        }
        for (String key : AuthorizationLifetime.lookupKeys(token, tokenType)) {
            String id = idByToken.get(SecretTokens.hash(key));
            if (id != null) {
                return findById(id);
            }
        }
        return null;
    }

    private void forget(String id) {
        Stored stored = read(() -> byId.remove(id));
        if (stored != null) {
            stored.tokenKeys().forEach(idByToken::delete);
        }
    }

    /** Reads an entry, or nothing when this build cannot read it (written by another version). */
    private static Stored read(Supplier<Stored> reading) {
        try {
            return reading.get();
        } catch (HazelcastSerializationException e) {
            // The exception's message may quote the entry; only its kind is logged.
            log.warn("A sign-in in progress written by another version of the server cannot be read here ({}); it"
                    + " counts as absent", e.getClass().getSimpleName());
            return null;
        }
    }

    private static MapConfig bounded(String name, int size) {
        return new MapConfig(name).setEvictionConfig(new EvictionConfig().setEvictionPolicy(EvictionPolicy.LRU)
                .setMaxSizePolicy(MaxSizePolicy.PER_NODE).setSize(size));
    }
}
