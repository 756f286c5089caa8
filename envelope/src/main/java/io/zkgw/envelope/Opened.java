package io.zkgw.envelope;

import io.zkgw.prover.inference.RequesterCommitments;

/**
 * The provider's verdict on an encrypted request ({@link RequestEnvelope#openAndCheck}): either the
 * payload with the recomputed commitments (their opening is what the prover needs), or the reason to
 * post in a RejectRequest. Neither {@code toString} shows x or the seed.
 */
public sealed interface Opened permits Opened.Accepted, Opened.Rejected {

    /** The payload opened, decoded, fits the model and reproduces both on-chain commitments. */
    record Accepted(RequestPayload payload, RequesterCommitments commitments) implements Opened {
        @Override
        public String toString() {
            return "Accepted[" + payload + "]";
        }
    }

    /** Refused; {@code detail} names the failing step or field and never holds a patient value. */
    record Rejected(Reason reason, String detail) implements Opened {
        /** The RejectRequest reason code. */
        public int code() {
            return reason.code();
        }
    }
}
