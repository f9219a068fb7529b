package io.netloom.projections.networkmap;

import java.util.function.LongConsumer;

/**
 * Reference counts keyed by {@code long}, in open addressing with linear probing. A map entry exists
 * while at least one policy rule supports it; with hundreds of thousands of entries per account,
 * boxed {@code HashMap<Long, Integer>} entries would cost five times the memory.
 */
final class LongCounts {

    private static final long FREE = Long.MIN_VALUE;
    private static final int INITIAL_CAPACITY = 8;

    private long[] keys = newKeys(INITIAL_CAPACITY);
    private int[] counts = new int[INITIAL_CAPACITY];
    private int size;

    /** Adds {@code delta} to the count of {@code key}; a key whose count reaches zero is gone. */
    void add(long key, int delta) {
        int slot = slotOf(key);
        if (keys[slot] == FREE) {
            if (delta < 0) {
                throw new IllegalStateException("count of " + key + " would fall below zero");
            }
            keys[slot] = key;
            counts[slot] = delta;
            if (++size * 4 > keys.length * 3) {
                grow();
            }
            return;
        }
        counts[slot] += delta;
        if (counts[slot] < 0) {
            throw new IllegalStateException("count of " + key + " fell below zero");
        }
        if (counts[slot] == 0) {
            remove(slot);
        }
    }

    /** Forgets every key and gives back the memory grown for them. */
    void clear() {
        keys = newKeys(INITIAL_CAPACITY);
        counts = new int[INITIAL_CAPACITY];
        size = 0;
    }

    boolean contains(long key) {
        return keys[slotOf(key)] != FREE;
    }

    /** The count of {@code key}, 0 when absent. */
    int get(long key) {
        return counts[slotOf(key)];
    }

    int size() {
        return size;
    }

    /** The action must not change these counts. */
    void forEachKey(LongConsumer action) {
        for (long key : keys) {
            if (key != FREE) {
                action.accept(key);
            }
        }
    }

    private int slotOf(long key) {
        int mask = keys.length - 1;
        int slot = mix(key) & mask;
        while (keys[slot] != FREE && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Backward-shift deletion keeps probe chains intact without tombstones. */
    private void remove(int slot) {
        int mask = keys.length - 1;
        int hole = slot;
        int next = (slot + 1) & mask;
        while (keys[next] != FREE) {
            int home = mix(keys[next]) & mask;
            boolean movable = hole <= next ? (home <= hole || home > next) : (home <= hole && home > next);
            if (movable) {
                keys[hole] = keys[next];
                counts[hole] = counts[next];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        keys[hole] = FREE;
        counts[hole] = 0;
        size--;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = newKeys(oldKeys.length * 2);
        counts = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                int slot = slotOf(oldKeys[i]);
                keys[slot] = oldKeys[i];
                counts[slot] = oldCounts[i];
            }
        }
    }

    private static long[] newKeys(int capacity) {
        long[] keys = new long[capacity];
        java.util.Arrays.fill(keys, FREE);
        return keys;
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
