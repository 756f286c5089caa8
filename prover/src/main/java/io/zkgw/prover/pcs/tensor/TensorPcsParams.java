package io.zkgw.prover.pcs.tensor;

/**
 * Public parameters of the tensor (Ligero/Brakedown-style) PCS.
 *
 * @param logInvRate  log2 of the inverse code rate: codewords are 2^logInvRate times the message
 * @param numQueries  column queries t (sampled with repetition)
 * @param columnBias  matrix shape rule: logCols = min(max numVars, ceil((ceil(log2 Σ 2^n_i) + columnBias) / 2));
 *                    it balances the proof's row part (∝ cols) against its column part (∝ t·rows)
 *
 * <p>{@link #STANDARD} is the only parameter set of protocol version 1 and what soundness is claimed
 * for (docs/proof-system.md).
 */
public record TensorPcsParams(int logInvRate, int numQueries, int columnBias) {
    /** Rate 1/4, 246 queries, ≥ 100 bits (see {@link TensorSoundness}). */
    public static final TensorPcsParams STANDARD = new TensorPcsParams(2, 246, 6);

    public TensorPcsParams {
        if (logInvRate < 1 || logInvRate > 4) {
            throw new IllegalArgumentException("logInvRate must be in [1, 4]");
        }
        if (numQueries < 1 || numQueries > 4096) {
            throw new IllegalArgumentException("numQueries must be in [1, 4096]");
        }
        if (columnBias < 0 || columnBias > 16) {
            throw new IllegalArgumentException("columnBias must be in [0, 16]");
        }
    }
}
