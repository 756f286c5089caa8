package io.zkgw.prover.inference;

import static io.zkgw.prover.field.Goldilocks.add;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.poly.Mle;
import io.zkgw.prover.poly.MleTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The prover's side of {@link Reduction}. */
final class ReductionProver {
    private ReductionProver() {}

    /** Prover: the tables G and P. */
    static List<MleTable> tables(PolyLayout layout, List<Claims.Claim> claims, ExtVector alpha, long[] poly) {
        long[] re = new long[layout.size()];
        long[] im = new long[layout.size()];
        Map<ExtVector, long[][]> eqs = new HashMap<>();
        for (int j = 0; j < claims.size(); j++) {
            Claims.Claim c = claims.get(j);
            long[][] eq = eqs.computeIfAbsent(c.point(), Mle::eqTable);
            int off = layout.offset(c.segment());
            long a0 = alpha.re(j);
            long a1 = alpha.im(j);
            for (int i = 0; i < eq[0].length; i++) {
                re[off + i] = add(re[off + i], Ext2.mulRe(eq[0][i], eq[1][i], a0, a1));
                im[off + i] = add(im[off + i], Ext2.mulIm(eq[0][i], eq[1][i], a0, a1));
            }
        }
        return List.of(MleTable.ofExt(re, im), MleTable.ofBase(poly));
    }

    /** The table G of {@link MaskedReduction} (eq parts and pool parts). */
    static long[][] zkWeights(PolyLayout layout, List<Claims.Claim> claims, Zk zk, ExtVector alpha) {
        List<MleTable> t = tables(layout, claims, alpha, new long[layout.size()]);
        long[] re = t.get(0).re();
        long[] im = t.get(0).im();
        int off = layout.offset(layout.segments() - 1);
        for (Map.Entry<Integer, Ext2> e : MaskedReduction.poolWeights(claims, zk, alpha).entrySet()) {
            re[off + e.getKey()] = add(re[off + e.getKey()], e.getValue().c0());
            im[off + e.getKey()] = add(im[off + e.getKey()], e.getValue().c1());
        }
        return new long[][] {re, im};
    }
}
