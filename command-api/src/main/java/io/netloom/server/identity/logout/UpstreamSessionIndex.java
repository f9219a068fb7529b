package io.netloom.server.identity.logout;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import java.util.LinkedHashMap;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Which Netloom user a provider's session ({@code sid} of the ID token) or subject ({@code sub}) belongs to, noted
 * at each upstream sign-in, so that a logout token naming only a session, or a subject that is not the provider's
 * {@code user-claim}, finds its person. In memory, bounded (the oldest sign-ins are forgotten first): after a
 * restart a token with a {@code sub} still finds its person through the identity link, which is what Keycloak, Entra
 * and Okta send (ADR 0027).
 */
@Component
public class UpstreamSessionIndex {

    /** The user of a provider's session or subject. */
    public record Person(UserId userId, AccountId accountId) {
    }

    static final int DEFAULT_CAPACITY = 100_000;

    private final int capacity;
    private final LinkedHashMap<String, Person> byKey = new LinkedHashMap<>();

    public UpstreamSessionIndex() {
        this(DEFAULT_CAPACITY);
    }

    UpstreamSessionIndex(int capacity) {
        this.capacity = capacity;
    }

    /** A person signed in through {@code providerId}; {@code sessionId} is the ID token's {@code sid}, if any. */
    public synchronized void signedIn(String providerId, String subject, Optional<String> sessionId, Person person) {
        put(key(providerId, "sub", subject), person);
        sessionId.ifPresent(sid -> put(key(providerId, "sid", sid), person));
    }

    public synchronized Optional<Person> bySession(String providerId, String sessionId) {
        return Optional.ofNullable(byKey.get(key(providerId, "sid", sessionId)));
    }

    public synchronized Optional<Person> bySubject(String providerId, String subject) {
        return Optional.ofNullable(byKey.get(key(providerId, "sub", subject)));
    }

    private void put(String key, Person person) {
        // Re-inserted, so that the order is that of the latest sign-in.
        byKey.remove(key);
        byKey.put(key, person);
        while (byKey.size() > capacity) {
            byKey.remove(byKey.keySet().iterator().next());
        }
    }

    private static String key(String providerId, String kind, String value) {
        return providerId + ' ' + kind + ' ' + value;
    }
}
