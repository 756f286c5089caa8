package io.zkgw.prover.inference;

import static io.zkgw.prover.field.Goldilocks.add;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.poly.Mle;
import io.zkgw.prover.poly.MleTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reduces all claims T_j(z_j) = v_j on the segments of one concatenated polynomial P to one claim on P:
 * Σ_x G(x)·P(x) = Σ_j α_j·v_j with G(x) = Σ_j α_j·eq((offset_j, z_j), x), a degree-2 sumcheck whose end
 * G(σ) the verifier computes in O(#claims · n) and P(σ) is opened with the PCS.
 */
final class Reduction {
    private Reduction() {}

    static Instance instance(String name, PolyLayout layout, List<Claims.Claim> claims, ExtVector alpha) {
        Ext2 sum = Ext2.ZERO;
        for (int j = 0; j < claims.size(); j++) {
            sum = sum.add(alpha.get(j).mul(claims.get(j).value()));
        }
        return new Instance(name, layout.totalVars(), Linear.PRODUCT, sum,
                List.of(new Instance.Public("claim weights", x -> weightAt(layout, claims, alpha, x)), new Instance.Virtual()));
    }

    static Ext2 weightAt(PolyLayout layout, List<Claims.Claim> claims, ExtVector alpha, ExtVector x) {
        Ext2 g = Ext2.ZERO;
        for (int j = 0; j < claims.size(); j++) {
            Claims.Claim c = claims.get(j);
            g = g.add(alpha.get(j).mul(layout.eqWithSegmentPoint(c.segment(), c.point(), x)));
        }
        return g;
    }

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
}
