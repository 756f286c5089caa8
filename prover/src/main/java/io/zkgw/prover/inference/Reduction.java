package io.zkgw.prover.inference;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import java.util.List;

/**
 * Reduces all claims T_j(z_j) = v_j on the segments of one concatenated polynomial P to one claim on P:
 * Σ_x G(x)·P(x) = Σ_j α_j·v_j with G(x) = Σ_j α_j·eq((offset_j, z_j), x), a degree-2 sumcheck whose end
 * G(σ) the verifier computes in O(#claims · n) and P(σ) is opened with the PCS.
 */
final class Reduction {
    private Reduction() {}

    static Instance instance(String name, PolyLayout layout, List<Claims.Claim> claims, ExtVector alpha) {
        return instance(name, layout, claims, alpha, false);
    }

    /**
     * The reduction with its variables bound from the last to the first (inference version 8, the witness's): the
     * sumcheck of Σ_y G'(y)·P'(y) with G'(y) = G(rev y), P'(y) = P(rev y), the same sum. P's tail past the layout's
     * used entries is zero, and pairs of neighbouring entries fold into one, so the tail stays zero and the prover
     * touches only the used entries ({@link io.zkgw.prover.poly.MleTable#lastFirstOfBase}); in the usual order the
     * first fold mixes the tail with the head and the whole 2^n table is worked on. The round point r ends the
     * sumcheck at P(rev r) (`ExtVector.reversed`).
     */
    static Instance lastFirst(String name, PolyLayout layout, List<Claims.Claim> claims, ExtVector alpha) {
        return instance(name, layout, claims, alpha, true);
    }

    private static Instance instance(String name, PolyLayout layout, List<Claims.Claim> claims, ExtVector alpha, boolean lastFirst) {
        MVal sum = MVal.of(Ext2.ZERO);
        for (int j = 0; j < claims.size(); j++) {
            sum = sum.add(new MVal(claims.get(j).value(), claims.get(j).unknown()).mul(alpha.get(j)));
        }
        // the polynomial's final value is the PCS claim, revealed by the opening anyway: never masked
        return new Instance(name, layout.totalVars(), Linear.PRODUCT, sum, List.of(new Instance.Public("claim weights",
                x -> weightAt(layout, claims, alpha, lastFirst ? x.reversed() : x)), new Instance.Opened()));
    }

    static Ext2 weightAt(PolyLayout layout, List<Claims.Claim> claims, ExtVector alpha, ExtVector x) {
        Ext2 g = Ext2.ZERO;
        for (int j = 0; j < claims.size(); j++) {
            Claims.Claim c = claims.get(j);
            g = g.add(alpha.get(j).mul(layout.eqWithSegmentPoint(c.segment(), c.point(), x)));
        }
        return g;
    }
}
