package io.zkgw.prover.pcs;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;

/**
 * A claim "committed polynomial number {@code poly} takes {@code value} at {@code point}". Points and
 * values are over Ext2 (they come from sumcheck challenges); the polynomials are over the base field.
 *
 * <p>A <b>weighted</b> claim ({@link #ofWeights}) instead states ⟨weights, table⟩ = value for a polynomial's table
 * (one weight per entry): a linear form that is not an evaluation at a point, such as g(r) = ⟨c, (1, r_1, r_1^2, …)⟩ for
 * the coefficients c of a sumcheck masking polynomial. Exactly one of {@code point} and {@code weights} is set.
 */
public record EvalClaim(int poly, ExtVector point, Ext2 value, ExtVector weights) {
    public EvalClaim {
        if (poly < 0) {
            throw new IllegalArgumentException("negative polynomial index");
        }
        if ((point == null) == (weights == null)) {
            throw new IllegalArgumentException("a claim has either a point or weights");
        }
    }

    /** An evaluation claim at a point. */
    public EvalClaim(int poly, ExtVector point, Ext2 value) {
        this(poly, point, value, null);
    }

    /** ⟨weights, table of poly⟩ = value, one weight per table entry. */
    public static EvalClaim ofWeights(int poly, ExtVector weights, Ext2 value) {
        return new EvalClaim(poly, null, value, weights);
    }

    public boolean weighted() {
        return weights != null;
    }
}
