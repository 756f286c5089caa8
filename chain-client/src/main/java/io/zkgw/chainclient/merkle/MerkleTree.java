package io.zkgw.chainclient.merkle;

import io.zkgw.chainapp.crypto.Hashes;
import java.security.MessageDigest;
import java.util.List;

/**
 * CometBFT's simple Merkle tree (RFC 6962 hashing): the root over an ordered list of byte strings, used
 * for the header hash, the validator set hash and the block's data hash (over the txs' SHA-256 hashes).
 *
 * <pre>
 *   empty  = SHA-256("")
 *   leaf   = SHA-256(0x00 || item)
 *   inner  = SHA-256(0x01 || left || right)
 *   split  = the largest power of two strictly below n (the left subtree holds that many items)
 * </pre>
 */
public final class MerkleTree {
    private static final byte[] LEAF_PREFIX = {0};
    private static final byte[] INNER_PREFIX = {1};

    private MerkleTree() {}

    public static byte[] root(List<byte[]> items) {
        return root(items, 0, items.size());
    }

    private static byte[] root(List<byte[]> items, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return Hashes.sha256(new byte[0]);
        }
        if (n == 1) {
            return leafHash(items.get(from));
        }
        int k = splitPoint(n);
        return innerHash(root(items, from, from + k), root(items, from + k, to));
    }

    public static byte[] leafHash(byte[] item) {
        return Hashes.sha256(LEAF_PREFIX, item);
    }

    public static byte[] innerHash(byte[] left, byte[] right) {
        MessageDigest md = Hashes.sha256();
        md.update(INNER_PREFIX);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    /** The largest power of two strictly less than {@code n} (n ≥ 2). */
    static long splitPoint(long n) {
        if (n < 2) {
            throw new IllegalArgumentException("split point of " + n);
        }
        return Long.highestOneBit(n - 1);
    }

    private static int splitPoint(int n) {
        return (int) splitPoint((long) n);
    }
}
