package io.zkgw.prover.pcs.tensor;

/**
 * The soundness bound of the tensor PCS, evaluated for a layout; the derivation is in
 * docs/proof-system.md ("Soundness"). With K = cols + padding (the code dimension), N the codeword length,
 * d = N - K + 1 and e = ⌊(d - 1)/2⌋, the unique-decoding radius of the Reed–Solomon code, up to which a
 * random point of the affine space spanned by the rows is e-close to the code with probability at most
 * N/|F_ext| unless the rows have correlated agreement (the proximity gap of [BCIKS20] for affine spaces):
 * <pre>
 *   ε_far   = N/|F_ext|       + (1 - (e + 1)/N)^t        matrix e-far from the interleaved code
 *   ε_close = G/|F_ext|       + (1 - (d - e)/N)^t        matrix e-close, some claimed value false
 *   ε_pcs   ≤ ε_far + ε_close
 * </pre>
 * with t queries, G claim groups and |F_ext| = p^2.
 */
public final class TensorSoundness {
    /** log2(p^2) for Goldilocks p, a hair under 128. */
    public static final double LOG2_EXT_FIELD = 2 * (64 + Math.log1p(-Math.pow(2, -32) + Math.pow(2, -64)) / Math.log(2));

    private TensorSoundness() {}

    public static double errorBits(TensorLayout layout, int numGroups) {
        double n = layout.blockLength();
        double k = layout.messageLength(); // code dimension: cols, plus the padding when hiding
        double d = n - k + 1;
        double e = Math.floor((d - 1) / 2); // unique decoding: d − e > e
        int t = layout.params().numQueries();
        double field = Math.pow(2, -LOG2_EXT_FIELD);
        double far = n * field + Math.pow(1 - (e + 1) / n, t);
        // hiding adds the weight c of the evaluation masks, drawn after the mask value Y: one more 1/|F_ext|
        double close = (numGroups + (layout.params().hiding() ? 1 : 0)) * field + Math.pow(1 - (d - e) / n, t);
        return -Math.log(far + close) / Math.log(2);
    }

    /** Bits of a (batched) sumcheck with n rounds of degree D over m instances: (n·D + 1)/|F_ext|. */
    public static double sumcheckBits(int rounds, int degree) {
        return LOG2_EXT_FIELD - Math.log((double) rounds * degree + 1) / Math.log(2);
    }
}
