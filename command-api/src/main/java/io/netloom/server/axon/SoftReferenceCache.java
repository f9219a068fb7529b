package io.netloom.server.axon;

import java.lang.ref.SoftReference;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * Axon aggregate cache whose entries live until the JVM runs short of memory. Axon 4 ships only a
 * weak-reference cache, which every garbage collection empties; with it, hot aggregates were
 * replayed from the event store on nearly every command.
 */
final class SoftReferenceCache implements Cache {

    private final ConcurrentMap<Object, SoftReference<Object>> entries = new ConcurrentHashMap<>();
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        SoftReference<Object> reference = entries.get(key);
        Object value = reference == null ? null : reference.get();
        if (reference != null && value == null) {
            entries.remove(key, reference);
            listeners.forEach(listener -> listener.onEntryExpired(key));
        } else if (value != null) {
            listeners.forEach(listener -> listener.onEntryRead(key, value));
        }
        return (V) value;
    }

    @Override
    public void put(Object key, Object value) {
        if (value == null) {
            remove(key);
            return;
        }
        SoftReference<Object> previous = entries.put(key, new SoftReference<>(value));
        boolean created = previous == null || previous.get() == null;
        listeners.forEach(listener -> {
            if (created) {
                listener.onEntryCreated(key, value);
            } else {
                listener.onEntryUpdated(key, value);
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        if (get(key) != null) {
            return false;
        }
        boolean added = entries.putIfAbsent(key, new SoftReference<>(value)) == null;
        if (added) {
            listeners.forEach(listener -> listener.onEntryCreated(key, value));
        }
        return added;
    }

    @Override
    public boolean remove(Object key) {
        boolean removed = entries.remove(key) != null;
        if (removed) {
            listeners.forEach(listener -> listener.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
