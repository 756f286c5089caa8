package io.zkgw.prover.inference;

import static io.zkgw.prover.field.Goldilocks.add;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.poly.Mle;
import io.zkgw.prover.poly.MleTable;
import java.util.List;

/** The prover's side of {@link Reduction} and {@link MaskedReduction}. */
final class ReductionProver {
    private ReductionProver() {}

    /** Prover: the tables G and P of an ordinary (first-variable-first) reduction. */
    static List<MleTable> tables(PolyLayout layout, List<Claims.Claim> claims, ExtVector alpha, long[] poly) {
        long[][] g = claimWeights(layout, claims, alpha, layout.size());
        return List.of(MleTable.ofExt(g[0], g[1]), MleTable.ofBase(poly));
    }

    /**
     * Prover: the tables G and P of a last-variable-first reduction ({@link Reduction#lastFirst}): both zero from
     * the layout's used entries on, so only those are built and folded.
     */
    static List<MleTable> lastFirstTables(PolyLayout layout, List<Claims.Claim> claims, ExtVector alpha, long[] poly) {
        int live = layout.used();
        long[][] g = claimWeights(layout, claims, alpha, live);
        return List.of(MleTable.lastFirstOfExt(g[0], g[1], layout.totalVars(), live), MleTable.lastFirstOfBase(poly, layout.totalVars(), live));
    }

    /** The table G of {@link MaskedReduction} (eq parts and pool parts), last-variable-first. */
    static MleTable zkWeights(PolyLayout layout, List<Claims.Claim> claims, Zk zk, ExtVector alpha) {
        int live = layout.used();
        long[][] g = claimWeights(layout, claims, alpha, live);
        long[] re = g[0];
        long[] im = g[1];
        int off = layout.offset(layout.segments() - 1);
        long[][] pool = MaskedReduction.poolWeights(claims, zk, alpha);
        for (int i = 0; i < pool[0].length; i++) {
            re[off + i] = add(re[off + i], pool[0][i]);
            im[off + i] = add(im[off + i], pool[1][i]);
        }
        return MleTable.lastFirstOfExt(re, im, layout.totalVars(), live);
    }

    /**
     * Σ_j α_j·eq((offset_j, z_j), ·) on the first {@code length} entries (every claim lies within its segment): each
     * claim's eq table is built scaled by its α_j, one extension product per entry in all.
     */
    private static long[][] claimWeights(PolyLayout layout, List<Claims.Claim> claims, ExtVector alpha, int length) {
        long[] re = new long[length];
        long[] im = new long[length];
        for (int j = 0; j < claims.size(); j++) {
            Claims.Claim c = claims.get(j);
            long[][] eq = Mle.eqTableScaled(c.point(), alpha.get(j));
            int off = layout.offset(c.segment());
            for (int i = 0; i < eq[0].length; i++) {
                re[off + i] = add(re[off + i], eq[0][i]);
                im[off + i] = add(im[off + i], eq[1][i]);
            }
        }
        return new long[][] {re, im};
    }
}
