package io.netloom.domain.common;

import static io.netloom.domain.Rejections.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.domain.ids.GroupId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StableSetsTest {

    private static final GroupId A = new GroupId("a");
    private static final GroupId B = new GroupId("b");
    private static final GroupId C = new GroupId("c");

    @Test
    void copyOfWhenUnorderedThenSortedByValue() {
        assertThat(StableSets.copyOf(new HashSet<>(List.of(C, A, B)), "groups")).containsExactly(A, B, C);
    }

    @Test
    void copyOfWhenNullThenEmpty() {
        assertThat(StableSets.copyOf(null, "groups")).isEmpty();
    }

    @Test
    void copyOfWhenCopiedThenUnmodifiable() {
        Set<GroupId> copy = StableSets.copyOf(List.of(A), "groups");
        assertThatThrownBy(() -> copy.add(B)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void copyOfWhenNullEntryThenRejected() {
        assertInvalid(() -> StableSets.copyOf(Arrays.asList(A, null), "auto groups"),
                "auto groups must not contain empty entries");
    }

    @Test
    void differenceWhenOverlappingThenOnlyLeftMembersInOrder() {
        assertThat(StableSets.difference(Set.of(C, A, B), Set.of(B))).containsExactly(A, C);
    }
}
