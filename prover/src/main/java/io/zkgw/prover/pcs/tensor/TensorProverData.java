package io.zkgw.prover.pcs.tensor;

import io.zkgw.prover.merkle.MerkleTree;

/**
 * What the prover keeps between commit and open: the polynomials, the hiding randomness (padding of every
 * row, the mask rows, the leaf salts) when the parameters hide, the encoded matrix (row-major, one codeword
 * per row) and the Merkle tree over its columns. Never sent; memory ≈ (1 + 2^logInvRate) × the committed
 * entries × 8 bytes plus the tree.
 *
 * <p>A hiding commitment's masks protect <em>one</em> opening: {@link TensorPcsProver} refuses to open it a
 * second time (a second opening with the same masks would reveal a combination of the data rows). A
 * commitment opened in many proofs (the weights) is opened jointly with a fresh masks-only commitment
 * instead, which carries the masks of that opening.
 */
public final class TensorProverData {
    private final TensorLayout layout;
    private final long[][] polys;
    private final long[][] padding;
    private final long[][] masks;
    private final byte[] salts;
    private final long[][] encoded;
    private final MerkleTree tree;
    private final TensorCommitment commitment;
    private final boolean reusable;
    private boolean opened;

    TensorProverData(TensorLayout layout, long[][] polys, long[][] padding, long[][] masks, byte[] salts, long[][] encoded,
            MerkleTree tree, boolean reusable) {
        this.reusable = reusable;
        this.layout = layout;
        this.polys = polys;
        this.padding = padding;
        this.masks = masks;
        this.salts = salts;
        this.encoded = encoded;
        this.tree = tree;
        this.commitment = new TensorCommitment(tree.root());
    }

    public TensorLayout layout() {
        return layout;
    }

    public TensorCommitment commitment() {
        return commitment;
    }

    long[][] polys() {
        return polys;
    }

    /** Entries [from, from + count) of committed polynomial i, copied (the prover's own data: never sent). */
    public long[] entries(int i, int from, int count) {
        return java.util.Arrays.copyOfRange(polys[i], from, Math.addExact(from, count));
    }

    /** Per data row, its random padding coefficients (null unless hiding). */
    long[][] padding() {
        return padding;
    }

    /** The mask rows' full messages, in the order of {@link TensorLayout#MASK_ROWS} (null unless hiding). */
    long[][] masks() {
        return masks;
    }

    /** Leaf salts, {@link TensorProtocol#SALT_BYTES} per column (null unless hiding). */
    byte[] salts() {
        return salts;
    }

    long[][] encoded() {
        return encoded;
    }

    MerkleTree tree() {
        return tree;
    }

    /**
     * Whether this hiding commitment may be opened in several proofs: only jointly with a fresh commitment
     * whose masks hide the opening (the weights, opened in every inference proof). Its columns are still
     * revealed at the queried positions of every opening; docs/proof-system.md §10.4 bounds what that leaks.
     */
    boolean reusable() {
        return reusable;
    }

    /** Marks a hiding commitment as opened; false if it already was. */
    synchronized boolean markOpened() {
        if (opened) {
            return false;
        }
        opened = true;
        return true;
    }
}
