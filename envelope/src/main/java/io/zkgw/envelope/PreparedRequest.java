package io.zkgw.envelope;

import io.zkgw.prover.inference.RequesterCommitments;

/**
 * A clinician's request, ready to post: the public fields of RequestPrediction ({@code request}), the
 * {@code encryptedPayload} bytes, and the secrets to keep ({@code payload}: x and the mask seed;
 * {@code commitments}: the opening, with r for unmasking).
 */
public record PreparedRequest(PublicRequest request, byte[] encryptedPayload, RequestPayload payload,
                              RequesterCommitments commitments) {
    public PreparedRequest {
        encryptedPayload = encryptedPayload.clone();
    }

    @Override
    public byte[] encryptedPayload() {
        return encryptedPayload.clone();
    }

    @Override
    public String toString() {
        return "PreparedRequest[" + request + ", " + encryptedPayload.length + " encrypted bytes]";
    }
}
