package io.netloom.mapsigning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.gateway.protocol.MerkleBatch;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The batch tree against RFC 9162's recursive definition, and its inclusion proofs for every size and leaf. */
class MerkleBatchTest {

    @Test
    void rootWhenAnySizeUpToTheLimitThenEqualsRfc9162TreeHead() throws Exception {
        for (int size = 1; size <= MerkleBatch.MAX_LEAVES; size++) {
            List<byte[]> leaves = leaves(size);

            assertThat(MerkleBatch.of(leaves).root()).as("size %d", size).isEqualTo(treeHead(leaves));
        }
    }

    @Test
    void rootOfWhenEveryLeafOfEverySizeProvesItsPathThenTheRoot() {
        for (int size = 1; size <= MerkleBatch.MAX_LEAVES; size++) {
            List<byte[]> leaves = leaves(size);
            MerkleBatch tree = MerkleBatch.of(leaves);
            for (int index = 0; index < size; index++) {
                List<byte[]> path = tree.path(index);

                assertThat(path.size()).isLessThanOrEqualTo(MerkleBatch.MAX_PATH);
                assertThat(MerkleBatch.rootOf(leaves.get(index), index, size, path))
                        .as("leaf %d of %d", index, size).hasValueSatisfying(root -> assertThat(root)
                                .isEqualTo(tree.root()));
            }
        }
    }

    @Test
    void rootOfWhenIndexSizeOrPathWrongThenNotTheRoot() {
        List<byte[]> leaves = leaves(13);
        MerkleBatch tree = MerkleBatch.of(leaves);
        List<byte[]> path = tree.path(5);
        List<byte[]> doubled = new ArrayList<>(path);
        doubled.addAll(path);

        assertThat(leadsToRoot(tree, MerkleBatch.rootOf(leaves.get(5), 5, 13, path))).isTrue();
        assertThat(leadsToRoot(tree, MerkleBatch.rootOf(leaves.get(5), 4, 13, path))).isFalse();
        assertThat(leadsToRoot(tree, MerkleBatch.rootOf(leaves.get(6), 5, 13, path))).isFalse();
        assertThat(MerkleBatch.rootOf(leaves.get(5), 5, 13, path.subList(0, 3))).isEmpty();
        assertThat(MerkleBatch.rootOf(leaves.get(5), 13, 13, path)).isEmpty();
        assertThat(MerkleBatch.rootOf(leaves.get(5), 5, MerkleBatch.MAX_LEAVES + 1, path)).isEmpty();
        assertThat(MerkleBatch.rootOf(leaves.get(5), 5, 13, doubled)).isEmpty();
    }

    @Test
    void ofWhenEmptyOrTooLargeThenRefused() {
        assertThatThrownBy(() -> MerkleBatch.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleBatch.of(leaves(MerkleBatch.MAX_LEAVES + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean leadsToRoot(MerkleBatch tree, Optional<byte[]> root) {
        return root.map(bytes -> Arrays.equals(bytes, tree.root())).orElse(false);
    }

    private static List<byte[]> leaves(int size) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            leaves.add(MerkleBatch.leafHash(("message " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return leaves;
    }

    /** MTH of RFC 9162, section 2.1.1, over leaf hashes: split at the largest power of two below n. */
    private static byte[] treeHead(List<byte[]> leaves) throws Exception {
        if (leaves.size() == 1) {
            return leaves.get(0);
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update((byte) 0x01);
        sha256.update(treeHead(leaves.subList(0, k)));
        return sha256.digest(treeHead(leaves.subList(k, leaves.size())));
    }
}
