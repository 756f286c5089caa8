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
    /** Leaf salt length of the hiding variant: 128 bits, so an unopened leaf hash reveals nothing. */
    static final int SALT_BYTES = 16;

    private TensorProtocol() {}

    /**
     * Challenges drawn before the prover sends its rows: β per claim, γ per committed row (for the b row of
     * a mask pair the coefficient is γ(a row)·X, see {@link #proximityCoefficients}), and, when hiding, the
     * weight c of the evaluation masks.
     */
    record Challenges(ExtVector beta, ExtVector gamma, Ext2 evalMaskWeight) {}

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
            int n = layout.numVars().get(c.poly());
            if (c.weighted()) {
                // a weighted claim is a linear form on one row: the polynomial must fit in a row
                if (layout.rowVars(c.poly()) != 0) {
                    throw new IllegalArgumentException("weighted claim on polynomial " + c.poly() + " of " + n
                            + " variables, which spans more than one row");
                }
                if (c.weights().size() != 1 << n) {
                    throw new IllegalArgumentException("weighted claim has " + c.weights().size() + " weights, polynomial "
                            + c.poly() + " has " + (1 << n) + " entries");
                }
            } else if (c.point().size() != n) {
                throw new IllegalArgumentException("claim point has " + c.point().size() + " coordinates, polynomial "
                        + c.poly() + " has " + n + " variables");
            }
        }
        if (layout.params().hiding() && ClaimGroups.of(claims).size() != 1) {
            // each opening consumes the one evaluation mask of each tree
            throw new IllegalArgumentException("a hiding opening proves claims at one point, not " + ClaimGroups.of(claims).size());
        }
    }

    /**
     * Step 1: absorb parameters, shape, the commitment(s) and claims. For a joint opening every root is
     * absorbed in order; with one non-hiding commitment this is exactly the version-1 protocol.
     */
    static void absorbStatement(Transcript t, TensorLayout layout, List<Digest> roots, List<EvalClaim> claims) {
        TensorPcsParams p = layout.params();
        long[] shape;
        if (!p.hiding()) {
            shape = new long[3 + layout.numPolys()];
            shape[0] = p.logInvRate();
            shape[1] = p.numQueries();
            shape[2] = p.columnBias();
            for (int i = 0; i < layout.numPolys(); i++) {
                shape[3 + i] = layout.numVars().get(i);
            }
        } else {
            // hiding: also the padding, the width (a masks-only tree has no polynomials to derive it from),
            // and per tree its number of polynomials
            int trees = layout.treeCount();
            shape = new long[6 + trees + layout.numPolys()];
            shape[0] = p.logInvRate();
            shape[1] = p.numQueries();
            shape[2] = p.columnBias();
            shape[3] = p.padding();
            shape[4] = layout.logCols();
            shape[5] = trees;
            int at = 6;
            for (int i = 0; i < trees; i++) {
                int end = i + 1 < trees ? layout.treePolyOffset(i + 1) : layout.numPolys();
                shape[at++] = end - layout.treePolyOffset(i);
            }
            for (int i = 0; i < layout.numPolys(); i++) {
                shape[at++] = layout.numVars().get(i);
            }
        }
        t.absorbFields(TensorPcsLabels.SHAPE, shape);
        if (layout.hasPrefix()) {
            // prefix polynomials: every polynomial's length binds the zero tail (absent for full layouts, whose
            // transcript is that of opening versions 1-4)
            long[] lengths = new long[layout.numPolys()];
            for (int i = 0; i < lengths.length; i++) {
                lengths[i] = layout.length(i);
            }
            t.absorbFields(TensorPcsLabels.LENGTHS, lengths);
        }
        for (Digest root : roots) {
            t.absorbDigest(TensorPcsLabels.COMMITMENT, root);
        }
        t.absorbU64(TensorPcsLabels.NUM_CLAIMS, claims.size());
        for (EvalClaim c : claims) {
            t.absorbU64(TensorPcsLabels.CLAIM_POLY, c.poly());
            if (c.weighted()) {
                t.absorbExts(TensorPcsLabels.CLAIM_WEIGHTS, c.weights());
            } else {
                t.absorbExts(TensorPcsLabels.CLAIM_POINT, c.point());
            }
            t.absorbExt(TensorPcsLabels.CLAIM_VALUE, c.value());
        }
    }

    /** Step 2 (hiding only): the evaluation masks' value Y is a prover message, bound before c is drawn. */
    static void absorbMaskValue(Transcript t, Ext2 maskValue) {
        t.absorbExt(TensorPcsLabels.EVAL_MASK_VALUE, maskValue);
    }

    /** Step 3: squeeze β (per claim), γ (per committed row) and, when hiding, c. */
    static Challenges challenges(Transcript t, TensorLayout layout, List<EvalClaim> claims) {
        ExtVector beta = t.challengeExts(TensorPcsLabels.BATCH, claims.size());
        ExtVector gamma = t.challengeExts(TensorPcsLabels.PROXIMITY, layout.totalRows());
        Ext2 c = layout.params().hiding() ? t.challengeExt(TensorPcsLabels.EVAL_MASK) : Ext2.ZERO;
        return new Challenges(beta, gamma, c);
    }

    /**
     * The proximity row's coefficient of every committed row: γ_r for data rows; for each tree's two mask
     * pairs (a, b) the coefficients γ_a and γ_a·X, so that each pair enters as the one extension-field row
     * a + X·b (a uniform K-row: what makes the sent row uniform).
     */
    static long[][] proximityCoefficients(TensorLayout layout, ExtVector gamma) {
        long[] re = gamma.reCopy();
        long[] im = gamma.imCopy();
        if (layout.params().hiding()) {
            for (int tree = 0; tree < layout.treeCount(); tree++) {
                for (int which : new int[] {TensorLayout.PROXIMITY_MASK, TensorLayout.EVAL_MASK}) {
                    int a = layout.maskRow(tree, which);
                    Ext2 x = new Ext2(re[a], im[a]).mul(Ext2.X);
                    re[a + 1] = x.c0();
                    im[a + 1] = x.c1();
                }
            }
        }
        return new long[][] {re, im};
    }

    /** Y = Σ_trees ⟨R_eval[0..k), b⟩ with R_eval = a + X·b, from the mask rows' data parts. */
    static Ext2 maskValue(long[][] evalMaskA, long[][] evalMaskB, long[] bRe, long[] bIm) {
        Ext2 y = Ext2.ZERO;
        for (int i = 0; i < evalMaskA.length; i++) {
            Ext2 a = dot(evalMaskA[i], bRe, bIm);
            Ext2 b = dot(evalMaskB[i], bRe, bIm);
            y = y.add(a).add(b.mul(Ext2.X));
        }
        return y;
    }

    private static Ext2 dot(long[] base, long[] bRe, long[] bIm) {
        return new Ext2(Goldilocks.dot(base, 0, bRe, bRe.length), Goldilocks.dot(base, 0, bIm, bIm.length));
    }

    static GroupVectors groupVectors(TensorLayout layout, List<EvalClaim> claims, List<Integer> members, Challenges ch) {
        int rows = layout.totalRows();
        long[] coefRe = new long[rows];
        long[] coefIm = new long[rows];
        long[][] tv = null;
        ExtVector beta = ch.beta();
        for (int ci : members) {
            EvalClaim c = claims.get(ci);
            long[][] a = claimVectors(layout, c);
            if (tv == null) {
                tv = a;
            }
            long[] aRe = a[0];
            long[] aIm = a[1];
            long b0 = beta.re(ci);
            long b1 = beta.im(ci);
            int off = layout.rowOffset(c.poly());
            // rows past a prefix polynomial's rowCount hold zeros and are not committed: their weights drop out
            int n = Math.min(aRe.length, layout.rowCount(c.poly()));
            for (int r = 0; r < n; r++) {
                coefRe[off + r] = Goldilocks.add(coefRe[off + r], Ext2.mulRe(aRe[r], aIm[r], b0, b1));
                coefIm[off + r] = Goldilocks.add(coefIm[off + r], Ext2.mulIm(aRe[r], aIm[r], b0, b1));
            }
        }
        if (layout.params().hiding()) {
            // the evaluation masks of every tree, weighted c (a rows) and c·X (b rows)
            Ext2 c = ch.evalMaskWeight();
            Ext2 cx = c.mul(Ext2.X);
            for (int tree = 0; tree < layout.treeCount(); tree++) {
                int a = layout.maskRow(tree, TensorLayout.EVAL_MASK);
                coefRe[a] = c.c0();
                coefIm[a] = c.c1();
                coefRe[a + 1] = cx.c0();
                coefIm[a + 1] = cx.c1();
            }
        }
        return new GroupVectors(tv[2], tv[3], coefRe, coefIm);
    }

    /**
     * A claim's tensor vectors {aRe, aIm, bRe, bIm}: eq of the point's row and column parts, or for a weighted
     * claim (a one-row polynomial) the single row with its weights as b, zero-padded to the width.
     */
    static long[][] claimVectors(TensorLayout layout, EvalClaim c) {
        if (!c.weighted()) {
            return layout.tensorVectors(c.poly(), c.point());
        }
        long[] bRe = Arrays.copyOf(c.weights().reCopy(), layout.cols());
        long[] bIm = Arrays.copyOf(c.weights().imCopy(), layout.cols());
        return new long[][] {{1}, {0}, bRe, bIm};
    }

    /**
     * Steps 3-4: absorb the rows, squeeze t positions; returns the sorted distinct positions. The transcript ends
     * here: the columns, salts and siblings that answer the queries are fixed by the roots already absorbed (Merkle
     * binding), so they are not absorbed (docs/proof-system.md §6.4, step 5).
     */
    static int[] absorbRowsAndQuery(Transcript t, TensorLayout layout, ExtVector proximityRow, List<ExtVector> evalRows) {
        t.absorbExts(TensorPcsLabels.PROXIMITY_ROW, proximityRow);
        for (ExtVector r : evalRows) {
            t.absorbExts(TensorPcsLabels.EVAL_ROW, r);
        }
        int[] q = t.challengeIndices(TensorPcsLabels.QUERIES, layout.params().numQueries(), layout.blockLength());
        return Arrays.stream(q).sorted().distinct().toArray();
    }
}
