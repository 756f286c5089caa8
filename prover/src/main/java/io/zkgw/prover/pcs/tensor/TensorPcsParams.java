package io.zkgw.prover.pcs.tensor;

/**
 * Public parameters of the tensor (Ligero/Brakedown-style) PCS.
 *
 * @param logInvRate  log2 of the inverse code rate: codewords are (at least) 2^logInvRate times the data width
 * @param numQueries  column queries t (sampled with repetition)
 * @param columnBias  matrix shape rule: logCols = min(max numVars, ceil((ceil(log2 Σ 2^n_i) + columnBias) / 2));
 *                    it balances the proof's row part (∝ cols) against its column part (∝ t·rows)
 * @param hiding      the hiding (zero-knowledge) variant: every row is encoded with numQueries random
 *                    padding coefficients, four random mask rows are committed with the data, Merkle leaves
 *                    are salted, and an opening reveals nothing but the claimed values (docs/proof-system.md §10)
 *
 * <p>{@link #STANDARD} (version 3, not hiding) and {@link #HIDING} (version 4) are the parameter sets that
 * soundness is claimed for (docs/proof-system.md). Versions 1 and 2 were the same encodings with 246 and 280
 * queries, sized by the proximity lemma for general linear codes (e &lt; d/3); 3 and 4 use the Reed–Solomon
 * proximity gap up to the unique-decoding radius (e &lt; d/2, {@link TensorSoundness}).
 */
public record TensorPcsParams(int logInvRate, int numQueries, int columnBias, boolean hiding, int openingBudget) {
    /** Rate 1/4, 152 queries, ≥ 102 bits (see {@link TensorSoundness}); not hiding. */
    public static final TensorPcsParams STANDARD = new TensorPcsParams(2, 152, 6, false);

    /**
     * Hiding: 180 queries and 180 padding coefficients per row, code rate ≤ 1/3 (the codeword length is the
     * smallest power of two ≥ max(4·cols, 3·(cols + 180))); ≥ 104 bits per opening for every layout.
     */
    public static final TensorPcsParams HIDING = new TensorPcsParams(2, 180, 6, true);

    /** The largest opening budget (proofs per reusable commitment) a parameter set may name. */
    public static final int MAX_OPENING_BUDGET = 1 << 16;

    public TensorPcsParams(int logInvRate, int numQueries, int columnBias, boolean hiding) {
        this(logInvRate, numQueries, columnBias, hiding, 1);
    }

    public TensorPcsParams {
        if (openingBudget < 1 || openingBudget > MAX_OPENING_BUDGET || (!hiding && openingBudget != 1)) {
            throw new IllegalArgumentException("opening budget " + openingBudget + " (1.." + MAX_OPENING_BUDGET + ", hiding only)");
        }
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

    /** Non-hiding parameters. */
    public TensorPcsParams(int logInvRate, int numQueries, int columnBias) {
        this(logInvRate, numQueries, columnBias, false);
    }

    /**
     * Random coefficients appended to every row's message: t·openingBudget when hiding (any t·openingBudget
     * codeword positions, the columns of up to openingBudget openings, are then uniform), else 0.
     */
    public int padding() {
        return hiding ? numQueries * openingBudget : 0;
    }

    /**
     * The same parameters for a commitment that is opened up to {@code budget} times (with fresh masks each
     * time, {@link TensorPcsProver#commitReusable}): padding sized so that the columns of all those openings
     * together are independent of the data.
     */
    public TensorPcsParams withOpeningBudget(int budget) {
        return new TensorPcsParams(logInvRate, numQueries, columnBias, hiding, budget);
    }

    /** Wire version of opening proofs with these parameters. */
    public int proofVersion() {
        return hiding ? TensorOpeningProof.HIDING_VERSION : TensorOpeningProof.VERSION;
    }
}
