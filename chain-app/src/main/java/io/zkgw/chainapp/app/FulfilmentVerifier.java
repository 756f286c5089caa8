package io.zkgw.chainapp.app;

/**
 * Verifies the inference proof carried by a FulfillPrediction against what the ledger committed to.
 * The prover module's verifier will implement this; until it exists the application has none and
 * rejects every FulfillPrediction with {@link Code#NOT_SUPPORTED}.
 *
 * <p>Contract: deterministic (same answer on every validator, no clock, no randomness, no I/O),
 * thread-safe, and total — it returns false for anything malformed instead of throwing. The
 * application treats an exception as "invalid".
 */
@FunctionalInterface
public interface FulfilmentVerifier {
    /**
     * True when {@code proof} shows that {@code maskedOutput} = M(x) + r for the model M committed by
     * {@code weightsCommitment} and {@code circuitDescription}, the input x committed by
     * {@code inputCommitment} and the mask r committed by {@code maskCommitment}.
     */
    boolean verify(Claim claim);

    /** Everything the ledger knows about one fulfilment. Arrays are the caller's copies. */
    record Claim(
            byte[] modelId,
            byte[] weightsCommitment,
            byte[] circuitDescription,
            byte[] requestId,
            byte[] inputCommitment,
            byte[] maskCommitment,
            byte[] maskedOutput,
            byte[] proof) {}
}
