package io.zkgw.prover.merkle;

import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.hash.Digests;
import io.zkgw.prover.parallel.Parallel;

/**
 * Prover side: a complete binary Merkle tree over 2^depth leaf hashes, all levels kept so that
 * multiproofs are read off directly. Levels are built in parallel when they are large.
 */
public final class MerkleTree {
    private static final int PARALLEL_THRESHOLD = 1 << 10;
    /** levels[0] = leaves, levels[depth] = root; each level a flat array of 32-byte hashes. */
    private final byte[][] levels;
    private final int depth;

    private MerkleTree(byte[][] levels, int depth) {
        this.levels = levels;
        this.depth = depth;
    }

    /** Builds the tree from leaf hashes given as one flat array of 32 * 2^depth bytes. */
    public static MerkleTree fromLeafHashes(byte[] leaves) {
        int n = leaves.length / Digest.LENGTH;
        if (n == 0 || Integer.bitCount(n) != 1 || leaves.length % Digest.LENGTH != 0) {
            throw new IllegalArgumentException("Merkle tree needs a power-of-two number of leaves, got " + n);
        }
        int depth = Integer.numberOfTrailingZeros(n);
        byte[][] levels = new byte[depth + 1][];
        levels[0] = leaves;
        for (int level = 1; level <= depth; level++) {
            byte[] below = levels[level - 1];
            int count = n >>> level;
            byte[] cur = new byte[count * Digest.LENGTH];
            Parallel.forRange(count, PARALLEL_THRESHOLD - 1, (from, to) -> {
                for (int i = from; i < to; i++) {
                    MerkleHash.nodeInto(below, 2 * i * Digest.LENGTH, cur, i * Digest.LENGTH);
                }
            });
            levels[level] = cur;
        }
        return new MerkleTree(levels, depth);
    }

    public int depth() {
        return depth;
    }

    public Digest root() {
        return Digest.copyOf(levels[depth], 0);
    }

    public Digest node(int level, int index) {
        return Digest.copyOf(levels[level], index * Digest.LENGTH);
    }

    /** Sibling hashes for sorted distinct leaf indices, in the canonical order of {@link MerkleMultiproof}. */
    public Digests multiproof(int[] sortedIndices) {
        byte[] out = new byte[MerkleMultiproof.siblingCount(sortedIndices, depth) * Digest.LENGTH];
        multiproofInto(sortedIndices, out, 0);
        return Digests.ownedBy(out);
    }

    /**
     * Writes the sibling hashes of {@link #multiproof} to out from byte offset {@code offset} (room for
     * {@link MerkleMultiproof#siblingCount} digests is the caller's): the trees of a joint opening fill one array.
     */
    public void multiproofInto(int[] sortedIndices, byte[] out, int offset) {
        int written = offset;
        int[] known = sortedIndices.clone();
        int size = known.length;
        for (int level = 0; level < depth; level++) {
            int o = 0;
            int i = 0;
            while (i < size) {
                int idx = known[i];
                if ((idx & 1) == 0 && i + 1 < size && known[i + 1] == idx + 1) {
                    i += 2;
                } else {
                    System.arraycopy(levels[level], (idx ^ 1) * Digest.LENGTH, out, written, Digest.LENGTH);
                    written += Digest.LENGTH;
                    i += 1;
                }
                known[o++] = idx >>> 1;
            }
            size = o;
        }
    }
}
