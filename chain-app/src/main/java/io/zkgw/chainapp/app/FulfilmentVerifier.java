package io.zkgw.chainapp.app;

/**
 * Verifies the inference proof carried by a FulfillPrediction against what the ledger committed to.
 * The ledger's implementation is {@link InferenceProofVerifier} (the prover module's verifier).
 *
 * <p>Contract: deterministic (same answer on every validator, no clock, no randomness, no I/O),
 * thread-safe, and total — anything malformed is an {@link InvalidProof}, never another exception.
 * The application still treats any other exception as "invalid", so a verifier bug cannot halt the chain.
 */
@FunctionalInterface
public interface FulfilmentVerifier {
    /**
     * Returns normally when {@code proof} shows that {@code maskedOutput} = M(x) + r for the model M
     * committed by {@code weightsCommitment} and {@code circuitDescription}, the input x committed by
     * {@code inputCommitment} and the mask r committed by {@code maskCommitment}.
     *
     * @throws InvalidProof naming the check that failed
     */
    void verify(Claim claim) throws InvalidProof;

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

    /** The proof does not establish the claim; the message names the failed check (never a secret). */
    final class InvalidProof extends Exception {
        public InvalidProof(String check) {
            super(check);
        }
    }
}
