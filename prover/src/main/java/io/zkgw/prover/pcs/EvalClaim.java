package io.zkgw.prover.pcs;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;

/**
 * A claim "committed polynomial number {@code poly} takes {@code value} at {@code point}". Points and
 * values are over Ext2 (they come from sumcheck challenges); the polynomials are over the base field.
 */
public record EvalClaim(int poly, ExtVector point, Ext2 value) {
    public EvalClaim {
        if (poly < 0) {
            throw new IllegalArgumentException("negative polynomial index");
        }
    }
}
