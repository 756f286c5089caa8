package io.zkgw.chainclient.merkle;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Objects;

/**
 * An inclusion proof in a {@link MerkleTree}: leaf {@code index} of {@code total}, and the sibling
 * hashes ("aunts") from the leaf's level up to the root's children.
 */
public record MerkleProof(long total, long index, ByteString leafHash, List<ByteString> aunts) {
    /** CometBFT refuses proofs with more aunts than this (a tree of 2^100 leaves does not exist). */
    public static final int MAX_AUNTS = 100;

    public MerkleProof {
        Objects.requireNonNull(leafHash, "leafHash");
        aunts = List.copyOf(aunts);
    }

    /**
     * The root this proof leads to from {@code leafHash}, or a reason why it cannot lead anywhere
     * (index out of range, wrong number of aunts). Pure.
     */
    public static Result computeRoot(long total, long index, byte[] leafHash, List<ByteString> aunts) {
        if (total <= 0 || index < 0 || index >= total) {
            return new Result(null, "index " + index + " out of range for " + total + " leaves");
        }
        if (aunts.size() > MAX_AUNTS) {
            return new Result(null, "more than " + MAX_AUNTS + " aunts");
        }
        byte[] h = fold(total, index, leafHash, aunts, aunts.size());
        return h == null ? new Result(null, "the number of aunts does not fit a tree of " + total + " leaves") : new Result(h, null);
    }

    /** A computed root, or why there is none. */
    public record Result(byte[] root, String failure) {
        public boolean ok() {
            return root != null;
        }
    }

    // aunts[0..count) are the path's siblings from the bottom up; the last one is the root's other child.
    private static byte[] fold(long total, long index, byte[] leaf, List<ByteString> aunts, int count) {
        if (total == 1) {
            return count == 0 ? leaf : null;
        }
        if (count == 0) {
            return null;
        }
        long left = MerkleTree.splitPoint(total);
        byte[] sibling = aunts.get(count - 1).toByteArray();
        if (index < left) {
            byte[] l = fold(left, index, leaf, aunts, count - 1);
            return l == null ? null : MerkleTree.innerHash(l, sibling);
        }
        byte[] r = fold(total - left, index - left, leaf, aunts, count - 1);
        return r == null ? null : MerkleTree.innerHash(sibling, r);
    }
}
