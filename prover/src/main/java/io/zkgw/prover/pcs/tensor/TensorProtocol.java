package io.zkgw.prover.pcs.tensor;

import io.zkgw.prover.field.BaseVector;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.pcs.EvalClaim;
import io.zkgw.prover.transcript.Transcript;
import java.util.Arrays;
import java.util.List;

/**
 * The transcript steps and derived quantities that prover and verifier must compute identically.
 * Verifier-grade code only (no prover dependencies), shared so that the two cannot drift apart.
 */
final class TensorProtocol {
    /**
     * Merkle leaf salt: empty in protocol version 1 (no zero-knowledge yet). The hiding variant puts
     * per-column random bytes here and sends them with each opened column.
     */
    static final byte[] NO_SALT = new byte[0];

    private TensorProtocol() {}

    /** Challenges drawn before the prover sends its rows. */
    record Challenges(ExtVector beta, ExtVector gamma) {}

    /** Per claim group: the tensor column vector b, and the row-combination coefficients over all rows. */
    record GroupVectors(long[] bRe, long[] bIm, long[] coefRe, long[] coefIm) {}

    static void validateClaims(TensorLayout layout, List<EvalClaim> claims) {
        if (claims.isEmpty()) {
            throw new IllegalArgumentException("no claims to open");
        }
        for (EvalClaim c : claims) {
            if (c.poly() >= layout.numPolys()) {
                throw new IllegalArgumentException("claim on polynomial " + c.poly() + " of " + layout.numPolys());
            }
            if (c.point().size() != layout.numVars().get(c.poly())) {
                throw new IllegalArgumentException("claim point has " + c.point().size() + " coordinates, polynomial "
                        + c.poly() + " has " + layout.numVars().get(c.poly()) + " variables");
            }
        }
    }

    /**
     * Steps 1-3: absorb parameters, shape, the commitment(s) and claims, squeeze β (per claim) and γ (per
     * row). For a joint opening the layout is the stacked one and every root is absorbed in order; with one
     * commitment this is exactly the single-commitment protocol.
     */
    static Challenges absorbStatement(Transcript t, TensorLayout layout, List<Digest> roots, List<EvalClaim> claims) {
        TensorPcsParams p = layout.params();
        long[] shape = new long[3 + layout.numPolys()];
        shape[0] = p.logInvRate();
        shape[1] = p.numQueries();
        shape[2] = p.columnBias();
        for (int i = 0; i < layout.numPolys(); i++) {
            shape[3 + i] = layout.numVars().get(i);
        }
        t.absorbFields(TensorPcsLabels.SHAPE, shape);
        for (Digest root : roots) {
            t.absorbDigest(TensorPcsLabels.COMMITMENT, root);
        }
        t.absorbU64(TensorPcsLabels.NUM_CLAIMS, claims.size());
        for (EvalClaim c : claims) {
            t.absorbU64(TensorPcsLabels.CLAIM_POLY, c.poly());
            t.absorbExts(TensorPcsLabels.CLAIM_POINT, c.point());
            t.absorbExt(TensorPcsLabels.CLAIM_VALUE, c.value());
        }
        ExtVector beta = t.challengeExts(TensorPcsLabels.BATCH, claims.size());
        ExtVector gamma = t.challengeExts(TensorPcsLabels.PROXIMITY, layout.totalRows());
        return new Challenges(beta, gamma);
    }

    static GroupVectors groupVectors(TensorLayout layout, List<EvalClaim> claims, List<Integer> members, ExtVector beta) {
        int rows = layout.totalRows();
        long[] coefRe = new long[rows];
        long[] coefIm = new long[rows];
        long[][] tv = null;
        for (int ci : members) {
            EvalClaim c = claims.get(ci);
            if (tv == null) {
                tv = layout.tensorVectors(c.poly(), c.point());
            }
            long[] aRe = tv[0];
            long[] aIm = tv[1];
            long b0 = beta.re(ci);
            long b1 = beta.im(ci);
            int off = layout.rowOffset(c.poly());
            for (int r = 0; r < aRe.length; r++) {
                coefRe[off + r] = Goldilocks.add(coefRe[off + r], Ext2.mulRe(aRe[r], aIm[r], b0, b1));
                coefIm[off + r] = Goldilocks.add(coefIm[off + r], Ext2.mulIm(aRe[r], aIm[r], b0, b1));
            }
        }
        return new GroupVectors(tv[2], tv[3], coefRe, coefIm);
    }

    /** Steps 5-6: absorb the rows, squeeze t positions; returns the sorted distinct positions. */
    static int[] absorbRowsAndQuery(Transcript t, TensorLayout layout, ExtVector proximityRow, List<ExtVector> evalRows) {
        t.absorbExts(TensorPcsLabels.PROXIMITY_ROW, proximityRow);
        for (ExtVector r : evalRows) {
            t.absorbExts(TensorPcsLabels.EVAL_ROW, r);
        }
        int[] q = t.challengeIndices(TensorPcsLabels.QUERIES, layout.params().numQueries(), layout.blockLength());
        return Arrays.stream(q).sorted().distinct().toArray();
    }

    /** Step 7: the openings are prover messages too, bound before any later challenge of the caller. */
    static void absorbOpenings(Transcript t, List<BaseVector> columns, List<Digest> siblings) {
        int rows = columns.isEmpty() ? 0 : columns.getFirst().size();
        long[] all = new long[rows * columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            for (int r = 0; r < rows; r++) {
                all[i * rows + r] = columns.get(i).get(r);
            }
        }
        t.absorbFields(TensorPcsLabels.COLUMNS, all);
        byte[] sib = new byte[Digest.LENGTH * siblings.size()];
        for (int i = 0; i < siblings.size(); i++) {
            siblings.get(i).copyTo(sib, i * Digest.LENGTH);
        }
        t.absorbBytes(TensorPcsLabels.SIBLINGS, sib);
    }
}
