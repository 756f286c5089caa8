package io.zkgw.prover.pcs.tensor;

import io.zkgw.prover.merkle.MerkleTree;

/**
 * What the prover keeps between commit and open: the polynomials, the encoded matrix (row-major, one
 * codeword per row) and the Merkle tree over its columns. Never sent; memory ≈ (1 + 2^logInvRate) × the
 * committed entries × 8 bytes plus the tree.
 */
public final class TensorProverData {
    private final TensorLayout layout;
    private final long[][] polys;
    private final long[][] encoded;
    private final MerkleTree tree;
    private final TensorCommitment commitment;

    TensorProverData(TensorLayout layout, long[][] polys, long[][] encoded, MerkleTree tree) {
        this.layout = layout;
        this.polys = polys;
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

    long[][] encoded() {
        return encoded;
    }

    MerkleTree tree() {
        return tree;
    }
}
