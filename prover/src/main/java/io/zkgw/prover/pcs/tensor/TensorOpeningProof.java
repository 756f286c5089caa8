package io.zkgw.prover.pcs.tensor;

import io.zkgw.prover.codec.ByteWriter;
import io.zkgw.prover.field.BaseVector;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.hash.Digest;
import java.util.List;

/**
 * Opening proof of the tensor PCS.
 *
 * @param proximityRow γ^T·M, the random combination of all matrix rows (cols Ext2 values)
 * @param evalRows     one per claim group: Σ_c β_c · a_c^T · M_{p_c} (cols Ext2 values each)
 * @param columns      the opened columns of the encoded matrix, at the distinct queried positions in
 *                     increasing order, each with one entry per matrix row
 * @param siblings     the Merkle multiproof for those positions ({@link io.zkgw.prover.merkle.MerkleMultiproof})
 *
 * <p>Wire format (version 1), with no counts: every size is derived by the verifier —
 * <pre>
 *   u8 version = 1
 *   proximityRow                 cols × Ext2
 *   evalRows[0..G)               G × cols × Ext2
 *   columns[0..q)                q × rows × u64     q = number of distinct queried positions
 *   siblings[0..s)               s × 32 bytes       s = MerkleMultiproof.siblingCount(positions)
 * </pre>
 * q and s depend on the query positions, which the verifier squeezes itself after absorbing the rows;
 * decoding therefore goes through {@link TensorPcsVerifier#decodeProof}.
 */
public record TensorOpeningProof(ExtVector proximityRow, List<ExtVector> evalRows, List<BaseVector> columns, List<Digest> siblings) {
    public static final int VERSION = 1;

    public TensorOpeningProof {
        evalRows = List.copyOf(evalRows);
        columns = List.copyOf(columns);
        siblings = List.copyOf(siblings);
    }

    public byte[] encode() {
        int cols = proximityRow.size();
        int rows = columns.isEmpty() ? 0 : columns.getFirst().size();
        long size = 1L + 16L * cols * (1 + evalRows.size()) + 8L * rows * columns.size() + 32L * siblings.size();
        ByteWriter w = new ByteWriter((int) Math.min(size, Integer.MAX_VALUE - 16));
        w.u8(VERSION);
        w.exts(proximityRow);
        for (ExtVector r : evalRows) {
            w.exts(r);
        }
        for (BaseVector c : columns) {
            w.fields(c);
        }
        for (Digest d : siblings) {
            w.digest(d);
        }
        return w.toByteArray();
    }
}
