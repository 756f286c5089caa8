package io.zkgw.commitments.dataset;

import io.zkgw.commitments.Sha256;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle tree hash of RFC 6962/9162 (as used by Certificate Transparency): leaves hashed with prefix
 * 0x00, inner nodes with 0x01, any number of leaves, the left subtree always the largest power of two.
 * Chosen because its inclusion proofs are standard, compact and checkable by any auditor's tooling,
 * and because it needs no padding to a power of two.
 */
public final class MerkleLog {
    private static final byte[] LEAF = {0};
    private static final byte[] NODE = {1};

    private MerkleLog() {}

    public static byte[] leafHash(byte[] data) {
        return Sha256.hash(LEAF, data);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        return Sha256.hash(NODE, left, right);
    }

    /** Root over leaf hashes [from, to). */
    public static byte[] root(List<byte[]> leafHashes, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return Sha256.hash();
        }
        if (n == 1) {
            return leafHashes.get(from);
        }
        int k = Integer.highestOneBit(n - 1);
        return nodeHash(root(leafHashes, from, from + k), root(leafHashes, from + k, to));
    }

    /** Audit path for leaf m of the tree over leaf hashes [from, to), leaf-side first. */
    public static List<byte[]> path(List<byte[]> leafHashes, int m, int from, int to) {
        List<byte[]> out = new ArrayList<>();
        pathInto(leafHashes, m, from, to, out);
        return out;
    }

    private static void pathInto(List<byte[]> leaves, int m, int from, int to, List<byte[]> out) {
        int n = to - from;
        if (n <= 1) {
            return;
        }
        int k = Integer.highestOneBit(n - 1);
        if (m < k) {
            pathInto(leaves, m, from, from + k, out);
            out.add(root(leaves, from + k, to));
        } else {
            pathInto(leaves, m - k, from + k, to, out);
            out.add(root(leaves, from, from + k));
        }
    }

    /** RFC 9162 §2.1.3.2: does this path prove leaf {@code index} of a tree of {@code size} under root? */
    public static boolean verify(byte[] root, long size, long index, byte[] leafHash, List<byte[]> path) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (p == null || p.length != Sha256.LENGTH || sn == 0) {
                return false;
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
        return sn == 0 && Arrays.equals(r, root);
    }

    /**
     * Streaming root: feed leaf hashes in order, O(log n) memory. Equal to {@link #root} over the same
     * leaves — complete subtrees merge as they fill, and the remainder folds right to left at the end.
     */
    public static final class Builder {
        private final List<byte[]> stack = new ArrayList<>();
        private final List<Long> sizes = new ArrayList<>();
        private long count;

        public void add(byte[] leafHash) {
            byte[] h = leafHash;
            long s = 1;
            while (!sizes.isEmpty() && sizes.get(sizes.size() - 1) == s) {
                h = nodeHash(stack.remove(stack.size() - 1), h);
                sizes.remove(sizes.size() - 1);
                s *= 2;
            }
            stack.add(h);
            sizes.add(s);
            count++;
        }

        public long count() {
            return count;
        }

        public byte[] root() {
            if (stack.isEmpty()) {
                return Sha256.hash();
            }
            byte[] r = stack.get(stack.size() - 1);
            for (int i = stack.size() - 2; i >= 0; i--) {
                r = nodeHash(stack.get(i), r);
            }
            return r;
        }
    }
}
