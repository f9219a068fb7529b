package io.netloom.projections.networkmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LongCountsTest {

    @Test
    void addWhenRandomIncrementsAndDecrementsThenAgreesWithHashMap() {
        Random random = new Random(42);
        LongCounts counts = new LongCounts();
        Map<Long, Integer> reference = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            long key = random.nextInt(3_000) * 0x1_0000_0001L;
            int current = reference.getOrDefault(key, 0);
            int delta = current > 0 && random.nextBoolean() ? -1 : 1;
            counts.add(key, delta);
            reference.merge(key, delta, Integer::sum);
            reference.remove(key, 0);
        }
        Set<Long> keys = new HashSet<>();
        counts.forEachKey(keys::add);

        assertThat(keys).isEqualTo(reference.keySet());
        assertThat(counts.size()).isEqualTo(reference.size());
        reference.keySet().forEach(key -> assertThat(counts.contains(key)).isTrue());
    }

    @Test
    void addWhenCountWouldGoNegativeThenRefused() {
        LongCounts counts = new LongCounts();

        assertThatThrownBy(() -> counts.add(7, -1)).isInstanceOf(IllegalStateException.class);
    }
}
