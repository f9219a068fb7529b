package io.netloom.domain.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupsClaimTest {

    @Test
    void ofWhenMissingThenEmptyAndAccepted() {
        GroupsClaim claim = GroupsClaim.of(null);
        assertThat(claim.names()).isEmpty();
        assertThat(claim.isIgnored()).isFalse();
    }

    @Test
    void ofWhenNamesPaddedRepeatedOrBlankThenTrimmedDistinctInOrder() {
        GroupsClaim claim = GroupsClaim.of(Arrays.asList(" Engineering ", "Admins", "Engineering", "", null, "  "));
        assertThat(claim.names()).containsExactly("Engineering", "Admins");
        assertThat(claim.isIgnored()).isFalse();
    }

    @Test
    void ofWhenMoreThanThousandEntriesThenIgnoredWhole() {
        List<String> names = new ArrayList<>(Collections.nCopies(GroupsClaim.MAX_ENTRIES + 1, "Engineering"));
        GroupsClaim claim = GroupsClaim.of(names);
        assertThat(claim.isIgnored()).isTrue();
        assertThat(claim.names()).isEmpty();
        assertThat(claim.ignoredBecause()).isEqualTo("it names 1001 groups, more than 1000");
    }

    @Test
    void ofWhenExactlyThousandEntriesThenAccepted() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < GroupsClaim.MAX_ENTRIES; i++) {
            names.add("group " + i);
        }
        assertThat(GroupsClaim.of(names).names()).hasSize(GroupsClaim.MAX_ENTRIES);
    }

    @Test
    void ofWhenOneNameOverLongThenIgnoredWhole() {
        GroupsClaim claim = GroupsClaim.of(List.of("Engineering", "x".repeat(100_000)));
        assertThat(claim.isIgnored()).isTrue();
        assertThat(claim.names()).isEmpty();
    }

    @Test
    void ofWhenControlCharacterThenIgnoredWhole() {
        GroupsClaim claim = GroupsClaim.of(List.of("Engi\u0000neering"));
        assertThat(claim.ignoredBecause()).isEqualTo("a group name contains control characters");
    }

    @Test
    void fromTokenWhenSingleStringThenOneGroup() {
        assertThat(GroupsClaim.fromToken("Engineering").names()).containsExactly("Engineering");
    }

    @Test
    void fromTokenWhenListWithNonStringsThenOnlyStringsKept() {
        assertThat(GroupsClaim.fromToken(List.of("Engineering", 42, java.util.Map.of("name", "x"))).names())
                .containsExactly("Engineering");
    }

    @Test
    void fromTokenWhenWrongTypeThenIgnored() {
        GroupsClaim claim = GroupsClaim.fromToken(java.util.Map.of("groups", "Engineering"));
        assertThat(claim.isIgnored()).isTrue();
        assertThat(claim.ignoredBecause()).isEqualTo("it is neither a list of group names nor one name");
    }

    @Test
    void fromTokenWhenMissingThenEmpty() {
        assertThat(GroupsClaim.fromToken(null)).isEqualTo(GroupsClaim.of(List.of()));
    }
}
