package io.netloom.server.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
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
 * (and {@link #AFTER_EXPIRY} passed; holding none, once a person has had {@link #UNFINISHED_LIFETIME} to finish), and only an absurd number
 * of waiting sign-ins pushes the oldest out.
 */
public final class ExpiringAuthorizations implements OAuth2AuthorizationService {

    /** How long an authorization request without any token yet (a browser at a login page) is kept. */
    static final Duration UNFINISHED_LIFETIME = Duration.ofMinutes(30);
    /** Far above any real number of people signing in at once; bounds what a flood of device requests holds. */
    static final int DEFAULT_CAPACITY = 20_000;
    /**
     * How long an authorization outlives its last token: a device polling with a code that just expired is told
     * {@code expired_token} (RFC 8628 section 3.5), not that the code was never issued.
     */
    static final Duration AFTER_EXPIRY = Duration.ofMinutes(10);
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(10);

    private static final List<Class<? extends OAuth2Token>> TOKEN_CLASSES = List.of(OAuth2AuthorizationCode.class,
            OAuth2AccessToken.class, OAuth2RefreshToken.class, OidcIdToken.class, OAuth2UserCode.class,
            OAuth2DeviceCode.class);
    private static final List<String> TOKEN_TYPES = List.of(OAuth2ParameterNames.STATE, OAuth2ParameterNames.CODE,
            OAuth2TokenType.ACCESS_TOKEN.getValue(), OAuth2TokenType.REFRESH_TOKEN.getValue(),
            OidcParameterNames.ID_TOKEN, OAuth2ParameterNames.USER_CODE, OAuth2ParameterNames.DEVICE_CODE);

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
        List<String> keys = tokenKeys(authorization);
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

    /**
     * Forgets every authorization a person approved (their name is the principal's): a device code they approved
     * but the device has not yet traded for a token, an authorization code not yet exchanged. Used when the
     * person's session at their identity provider ended (ADR 0027), so that such a sign-in does not complete.
     *
     * @return how many were forgotten
     */
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
        List<String> types = tokenType == null ? TOKEN_TYPES : List.of(tokenType.getValue());
        for (String type : types) {
            String id = idByToken.get(key(type, token));
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
        return lastExpiry(stored.authorization()).map(expiry -> expiry.plus(AFTER_EXPIRY))
                .orElse(stored.savedAt().plus(UNFINISHED_LIFETIME))
                .isBefore(now);
    }

    /** When the authorization's longest-lived token expires; empty while it holds none that expires. */
    private static Optional<Instant> lastExpiry(OAuth2Authorization authorization) {
        Instant last = null;
        for (Class<? extends OAuth2Token> tokenClass : TOKEN_CLASSES) {
            OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(tokenClass);
            if (token != null) {
                Instant expiresAt = token.getToken().getExpiresAt();
                if (expiresAt == null) {
                    return Optional.empty();
                }
                if (last == null || expiresAt.isAfter(last)) {
                    last = expiresAt;
                }
            }
        }
        return Optional.ofNullable(last);
    }

    private static List<String> tokenKeys(OAuth2Authorization authorization) {
        List<String> keys = new ArrayList<>();
        String state = authorization.getAttribute(OAuth2ParameterNames.STATE);
        if (state != null) {
            keys.add(key(OAuth2ParameterNames.STATE, state));
        }
        addToken(keys, OAuth2ParameterNames.CODE, authorization.getToken(OAuth2AuthorizationCode.class));
        addToken(keys, OAuth2TokenType.ACCESS_TOKEN.getValue(), authorization.getToken(OAuth2AccessToken.class));
        addToken(keys, OAuth2TokenType.REFRESH_TOKEN.getValue(), authorization.getToken(OAuth2RefreshToken.class));
        addToken(keys, OidcParameterNames.ID_TOKEN, authorization.getToken(OidcIdToken.class));
        addToken(keys, OAuth2ParameterNames.USER_CODE, authorization.getToken(OAuth2UserCode.class));
        addToken(keys, OAuth2ParameterNames.DEVICE_CODE, authorization.getToken(OAuth2DeviceCode.class));
        return List.copyOf(keys);
    }

    private static void addToken(List<String> keys, String type, OAuth2Authorization.Token<?> token) {
        if (token != null) {
            keys.add(key(type, token.getToken().getTokenValue()));
        }
    }

    private static String key(String type, String value) {
        return type + ' ' + value;
    }
}
