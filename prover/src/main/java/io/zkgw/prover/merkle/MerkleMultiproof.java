package io.zkgw.prover.merkle;

import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.hash.Digests;
import java.util.List;

/**
 * Verifier side of batched Merkle openings. Several leaves of one tree are opened together and share
 * the nodes they have in common: the proof lists, level by level from the leaves up and left to right,
 * exactly the sibling hashes the verifier cannot compute itself.
 *
 * <p>Canonical order, for sorted distinct leaf indices: at each level walk the known nodes in increasing
 * index order; a node whose sibling is also known pairs with it; otherwise the next proof hash is its
 * sibling. The number of hashes is a function of the index set alone ({@link #siblingCount}), so the
 * verifier derives it and never reads it from the proof.
 */
public final class MerkleMultiproof {
    private MerkleMultiproof() {}

    /** Number of sibling hashes a multiproof for these sorted distinct indices contains. */
    public static int siblingCount(int[] sortedIndices, int depth) {
        checkIndices(sortedIndices, depth);
        int[] known = sortedIndices.clone();
        int size = known.length;
        int count = 0;
        for (int level = 0; level < depth; level++) {
            int out = 0;
            int i = 0;
            while (i < size) {
                int idx = known[i];
                if ((idx & 1) == 0 && i + 1 < size && known[i + 1] == idx + 1) {
                    i += 2;
                } else {
                    count++;
                    i += 1;
                }
                known[out++] = idx >>> 1;
            }
            size = out;
        }
        return count;
    }

    /**
     * Recomputes the root from the leaf hashes (one per sorted distinct index) and the siblings.
     *
     * @throws IllegalArgumentException if the number of siblings is not the derived count
     */
    public static byte[] computeRoot(int[] sortedIndices, byte[][] leafHashes, List<Digest> siblings, int depth) {
        if (leafHashes.length != sortedIndices.length) {
            throw new IllegalArgumentException("one leaf hash per index expected");
        }
        byte[] hashes = new byte[leafHashes.length * Digest.LENGTH];
        for (int i = 0; i < leafHashes.length; i++) {
            if (leafHashes[i].length != Digest.LENGTH) {
                throw new IllegalArgumentException("leaf hash " + i + " has " + leafHashes[i].length + " bytes");
            }
            System.arraycopy(leafHashes[i], 0, hashes, i * Digest.LENGTH, Digest.LENGTH);
        }
        return computeRootInPlace(sortedIndices, hashes, siblings, depth);
    }

    /**
     * {@link #computeRoot} with the leaf hashes concatenated in {@code hashes} (32 bytes per index), which it
     * overwrites level by level: no allocation per node.
     */
    public static byte[] computeRootInPlace(int[] sortedIndices, byte[] hashes, List<Digest> siblings, int depth) {
        checkIndices(sortedIndices, depth);
        if (hashes.length != sortedIndices.length * Digest.LENGTH) {
            throw new IllegalArgumentException("one leaf hash per index expected");
        }
        // siblings hashed from where they lie (a decoded or read-off multiproof is one array already)
        Digests sibs = Digests.of(siblings);
        byte[] sib = sibs.array();
        int[] known = sortedIndices.clone();
        int size = known.length;
        int next = 0;
        for (int level = 0; level < depth; level++) {
            int out = 0;
            int i = 0;
            // the parent goes to slot out ≤ i, after both children are read: in place is safe
            while (i < size) {
                int idx = known[i];
                int at = i * Digest.LENGTH;
                if ((idx & 1) == 0 && i + 1 < size && known[i + 1] == idx + 1) {
                    MerkleHash.nodeInto(hashes, at, hashes, at + Digest.LENGTH, hashes, out * Digest.LENGTH);
                    i += 2;
                } else {
                    if (next >= sibs.size()) {
                        throw new IllegalArgumentException("too few Merkle siblings");
                    }
                    int so = sibs.offsetOf(next++);
                    if ((idx & 1) == 0) {
                        MerkleHash.nodeInto(hashes, at, sib, so, hashes, out * Digest.LENGTH);
                    } else {
                        MerkleHash.nodeInto(sib, so, hashes, at, hashes, out * Digest.LENGTH);
                    }
                    i += 1;
                }
                known[out] = idx >>> 1;
                out++;
            }
            size = out;
        }
        if (next != sibs.size()) {
            throw new IllegalArgumentException("too many Merkle siblings");
        }
        return java.util.Arrays.copyOf(hashes, Digest.LENGTH);
    }

    static void checkIndices(int[] sortedIndices, int depth) {
        if (sortedIndices.length == 0) {
            throw new IllegalArgumentException("a multiproof opens at least one leaf");
        }
        long leaves = 1L << depth;
        for (int i = 0; i < sortedIndices.length; i++) {
            if (sortedIndices[i] < 0 || sortedIndices[i] >= leaves || (i > 0 && sortedIndices[i] <= sortedIndices[i - 1])) {
                throw new IllegalArgumentException("leaf indices must be sorted, distinct and below 2^depth");
            }
        }
    }
}
