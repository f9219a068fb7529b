package io.netloom.gateway.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Merkle tree over up to {@value #MAX_LEAVES} messages, so that one signature over its root signs
 * each of them (ADR 0015): SHA-256, leaves hashed as {@code H(0x00 ‖ input)} and nodes as
 * {@code H(0x01 ‖ left ‖ right)}, the tree shape and inclusion proofs of RFC 9162 (Certificate
 * Transparency 2.0), section 2.1.
 */
public final class MerkleBatch {

    public static final int MAX_LEAVES = 64;
    /** The longest inclusion proof of a tree of {@link #MAX_LEAVES} leaves. */
    public static final int MAX_PATH = 6;
    public static final int HASH_BYTES = 32;

    private final List<byte[][]> levels;

    private MerkleBatch(List<byte[][]> levels) {
        this.levels = levels;
    }

    /** The tree over these leaf hashes ({@link #leafHash}), in order. */
    public static MerkleBatch of(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty() || leafHashes.size() > MAX_LEAVES) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_LEAVES + " leaves, not " + leafHashes.size());
        }
        List<byte[][]> levels = new ArrayList<>();
        byte[][] level = leafHashes.toArray(new byte[0][]);
        levels.add(level);
        while (level.length > 1) {
            // Pairing from the left and carrying an odd last node up unchanged gives RFC 9162's tree.
            byte[][] parents = new byte[(level.length + 1) / 2][];
            for (int i = 0; i < parents.length; i++) {
                parents[i] = 2 * i + 1 < level.length ? nodeHash(level[2 * i], level[2 * i + 1]) : level[2 * i];
            }
            levels.add(parents);
            level = parents;
        }
        return new MerkleBatch(levels);
    }

    public int size() {
        return levels.get(0).length;
    }

    public byte[] root() {
        return levels.get(levels.size() - 1)[0].clone();
    }

    /** The inclusion proof of leaf {@code index}: the sibling hashes from the leaf up (RFC 9162, 2.1.3.1). */
    public List<byte[]> path(int index) {
        List<byte[]> path = new ArrayList<>();
        int position = index;
        for (int depth = 0; depth < levels.size() - 1; depth++) {
            byte[][] level = levels.get(depth);
            int sibling = position ^ 1;
            if (sibling < level.length) {
                path.add(level[sibling].clone());
            }
            position >>= 1;
        }
        return path;
    }

    /**
     * The root that {@code path} leads to from {@code leafHash} at {@code index} of a tree of
     * {@code size} leaves (RFC 9162, 2.1.3.2), or empty when the proof does not fit such a tree.
     */
    public static Optional<byte[]> rootOf(byte[] leafHash, int index, int size, List<byte[]> path) {
        if (size < 1 || size > MAX_LEAVES || index < 0 || index >= size || path.size() > MAX_PATH) {
            return Optional.empty();
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0 || p.length != HASH_BYTES) {
                return Optional.empty();
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? Optional.of(r) : Optional.empty();
    }

    public static byte[] leafHash(byte[] input) {
        MessageDigest sha256 = sha256();
        sha256.update((byte) 0x00);
        return sha256.digest(input);
    }

    private static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha256 = sha256();
        sha256.update((byte) 0x01);
        sha256.update(left);
        return sha256.digest(right);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
