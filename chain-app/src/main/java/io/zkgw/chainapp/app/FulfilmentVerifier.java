package io.zkgw.chainapp.app;

import java.util.List;

/**
 * Verifies the inference proof carried by a FulfillPrediction or a FulfillPredictions against what the
 * ledger committed to. The ledger's implementation is {@link InferenceProofVerifier} (the prover module's
 * verifier).
 *
 * <p>Contract: deterministic (same answer on every validator, no clock, no randomness, no I/O),
 * thread-safe, and total — anything malformed is an {@link InvalidProof}, never another exception.
 * The application still treats any other exception as "invalid", so a verifier bug cannot halt the chain.
 */
@FunctionalInterface
public interface FulfilmentVerifier {
    /**
     * Returns normally when {@code proof} shows, for every answer in order, that its masked output
     * = M(x) + r for the model M committed by {@code weightsCommitment} and {@code circuitDescription},
     * the input x committed by the answer's input commitment and the mask r committed by its mask
     * commitment.
     *
     * @throws InvalidProof naming the check that failed
     */
    void verify(Claim claim) throws InvalidProof;

    /** One request of a claim: what the ledger holds for it and the masked output the provider posts. */
    record Answer(byte[] requestId, byte[] inputCommitment, byte[] maskCommitment, byte[] maskedOutput) {}

    /** Everything the ledger knows about one fulfilment (one proof, 1..64 requests). Arrays are the caller's copies. */
    record Claim(
            byte[] modelId,
            byte[] weightsCommitment,
            byte[] circuitDescription,
            List<Answer> answers,
            byte[] proof) {
        public Claim {
            answers = List.copyOf(answers);
        }

        /** The claim of a FulfillPrediction: one request. */
        public static Claim single(byte[] modelId, byte[] weightsCommitment, byte[] circuitDescription, byte[] requestId,
                byte[] inputCommitment, byte[] maskCommitment, byte[] maskedOutput, byte[] proof) {
            return new Claim(modelId, weightsCommitment, circuitDescription,
                    List.of(new Answer(requestId, inputCommitment, maskCommitment, maskedOutput)), proof);
        }
    }

    /** The proof does not establish the claim; the message names the failed check (never a secret). */
    final class InvalidProof extends Exception {
        public InvalidProof(String check) {
            super(check);
        }
    }
}
