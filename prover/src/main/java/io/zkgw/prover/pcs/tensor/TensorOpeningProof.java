package io.zkgw.prover.pcs.tensor;

import io.zkgw.prover.codec.ByteWriter;
import io.zkgw.prover.field.BaseVector;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.hash.Digests;
import java.util.List;

/**
 * Opening proof of the tensor PCS.
 *
 * @param maskValue    hiding only (else zero): Y = Σ_trees ⟨R_eval[0..k), b⟩, the evaluation mask's value at the
 *                     claims' column point, sent before the challenge c that weights the mask in the evaluation row
 * @param proximityRow γ^T·M over all committed rows, masks included (K = cols + padding Ext2 values)
 * @param evalRows     one per claim group: Σ_c β_c · a_c^T · M_{p_c} (+ c·R_eval when hiding), K Ext2 values each
 * @param columns      the opened columns of the encoded (joint) matrix, at the distinct queried positions in
 *                     increasing order, each with one entry per committed row
 * @param salts        hiding only: the leaf salt of every opened column of every tree
 * @param siblings     the Merkle multiproof of each tree for those positions, tree after tree
 *
 * <p>Wire format, with no counts: every size is derived by the verifier —
 * <pre>
 *   u8 version                   3 (not hiding) or 4 (hiding)
 *   maskValue                    Ext2                hiding only
 *   proximityRow                 K × Ext2
 *   evalRows[0..G)               G × K × Ext2
 *   columns[0..q)                q × rows × u64      q = number of distinct queried positions
 *   salts                        q × trees × 16 bytes  hiding only
 *   siblings[0..s)               s × 32 bytes        s = trees × MerkleMultiproof.siblingCount(positions)
 * </pre>
 * q and s depend on the query positions, which the verifier squeezes itself after absorbing the rows;
 * decoding therefore goes through {@link TensorPcsVerifier#decodeProof}.
 */
public record TensorOpeningProof(Ext2 maskValue, ExtVector proximityRow, List<ExtVector> evalRows, List<BaseVector> columns, Salts salts,
        List<Digest> siblings, boolean hiding) {
    /**
     * Version of non-hiding opening proofs: 3 ({@link TensorPcsParams#STANDARD}, 152 queries); 1 had 246. The
     * encoding is the same, the number of opened columns is not, so an old verifier must not read a new proof.
     */
    public static final int VERSION = 3;
    /** Version of hiding opening proofs: 4 ({@link TensorPcsParams#HIDING}, 180 queries); 2 had 280. */
    public static final int HIDING_VERSION = 4;

    public TensorOpeningProof {
        evalRows = List.copyOf(evalRows);
        columns = List.copyOf(columns);
        siblings = Digests.of(siblings);
        if (!hiding && (salts.length() != 0 || !maskValue.isZero())) {
            throw new IllegalArgumentException("salts and a mask value belong to hiding openings only");
        }
    }

    /** A non-hiding opening. */
    public TensorOpeningProof(ExtVector proximityRow, List<ExtVector> evalRows, List<BaseVector> columns, List<Digest> siblings) {
        this(Ext2.ZERO, proximityRow, evalRows, columns, Salts.NONE, siblings, false);
    }

    public byte[] encode() {
        ByteWriter w = new ByteWriter(encodedLength());
        writeTo(w);
        return w.toByteArray();
    }

    /** The length of {@link #encode()}. */
    public int encodedLength() {
        long rows = proximityRow.size();
        for (ExtVector r : evalRows) {
            rows += r.size();
        }
        long size = 1 + (hiding ? 16 : 0) + 16 * rows + new OpenedColumns(columns, salts, siblings).encodedLength();
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("an opening proof of " + size + " bytes");
        }
        return (int) size;
    }

    /** Appends {@link #encode()}'s bytes to w, without the copy (a proof that embeds this opening). */
    public void writeTo(ByteWriter w) {
        w.u8(hiding ? HIDING_VERSION : VERSION);
        if (hiding) {
            w.ext(maskValue);
        }
        w.exts(proximityRow);
        for (ExtVector r : evalRows) {
            w.exts(r);
        }
        new OpenedColumns(columns, salts, siblings).writeTo(w);
    }
}
