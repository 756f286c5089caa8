package io.zkgw.cli.clinician;

/** How a request ended, every part of it checked by the light client (and, for a fulfilment, by the proof). */
public sealed interface RequestResult permits RequestResult.Fulfilled, RequestResult.Rejected, RequestResult.Expired {
    String requestId();

    /** The block in which the request closed. */
    long height();

    /**
     * The hospital answered with a proof that verified here, against the model's committed weights and
     * circuit and this request's commitments; {@code prediction} is the unmasked output read with the card.
     *
     * @param fee    paid to the provider from escrow
     * @param txHash the FulfillPrediction transaction (upper-case hex), proven included at {@code height}
     */
    record Fulfilled(String requestId, Prediction prediction, long fee, long height, String txHash) implements RequestResult {
        /** Always true: a Fulfilled result only exists after the proof verified. */
        public boolean proofVerified() {
            return true;
        }
    }

    /**
     * The hospital refused; the escrowed fee went back to the requester.
     *
     * @param reasonName the name from the reason table (docs/chain.md), e.g. BAD_CIPHERTEXT or minimum-fee
     * @param txHash     the RejectRequest transaction, or null when the node's index did not give it up
     */
    record Rejected(String requestId, int reasonCode, String reasonName, long refund, long height, String txHash)
            implements RequestResult {}

    /** Nobody answered by the deadline; the escrowed fee went back to the requester at the end of that block. */
    record Expired(String requestId, long refund, long height) implements RequestResult {}
}
