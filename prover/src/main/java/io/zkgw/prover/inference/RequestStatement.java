package io.zkgw.prover.inference;

import io.zkgw.prover.pcs.tensor.TensorCommitment;

/**
 * The public part of one inference request: C_x and C_r (the requester's commitments to its input and
 * output mask) and the masked output z = y + r, one canonical field element per output element.
 */
public record RequestStatement(TensorCommitment input, TensorCommitment mask, long[] z) {
    public RequestStatement {
        if (input == null || mask == null || z == null) {
            throw new IllegalArgumentException("null part of a request statement");
        }
        z = z.clone();
    }

    @Override
    public long[] z() {
        return z.clone();
    }
}
