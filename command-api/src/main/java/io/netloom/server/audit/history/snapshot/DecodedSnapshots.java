package io.netloom.server.audit.history.snapshot;

import io.netloom.domain.ids.AccountId;
import io.netloom.projections.history.AccountStateData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The few snapshots decoded last, so that queries near one instant (an auditor paging through an afternoon, a
 * benchmark) decode each once. Bounded by count, never by the history's length: {@link AccountStateData} is
 * immutable, so every query takes its own {@code toState()} of it.
 */
final class DecodedSnapshots {

    private record Key(AccountId account, long position) {
    }

    private final int capacity;
    private final Map<Key, AccountStateData> recent;

    DecodedSnapshots(int capacity) {
        this.capacity = capacity;
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, AccountStateData> eldest) {
                return size() > DecodedSnapshots.this.capacity;
            }
        };
    }

    /** The cached state, if it is; loads nothing. */
    Optional<AccountStateData> cached(AccountId account, long position) {
        synchronized (recent) {
            return Optional.ofNullable(recent.get(new Key(account, position)));
        }
    }

    /** The cached state, or {@code load}'s (decoded outside the lock, so one slow decode blocks no other query). */
    Optional<AccountStateData> get(AccountId account, long position, Supplier<Optional<AccountStateData>> load) {
        Key key = new Key(account, position);
        synchronized (recent) {
            AccountStateData cached = recent.get(key);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        Optional<AccountStateData> loaded = load.get();
        if (loaded.isPresent() && capacity > 0) {
            synchronized (recent) {
                recent.put(key, loaded.get());
            }
        }
        return loaded;
    }

    void clear() {
        synchronized (recent) {
            recent.clear();
        }
    }
}
