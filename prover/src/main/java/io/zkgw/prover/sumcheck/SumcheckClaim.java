package io.zkgw.prover.sumcheck;

import io.zkgw.prover.field.Ext2;

/**
 * The public statement of one sumcheck instance: Σ_{x ∈ {0,1}^numVars} form(P_0(x), ..) = claim.
 * Everything here must come from public data on the verifier's side, never from the proof.
 */
public record SumcheckClaim(int numVars, SumOfProducts form, Ext2 claim) {
    public SumcheckClaim {
        if (numVars < 0 || numVars > 30) {
            throw new IllegalArgumentException("numVars out of range: " + numVars);
        }
    }
}
