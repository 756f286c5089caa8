package io.zkgw.gateway.chain;

import io.zkgw.chainapp.proto.PredictionRequest;
import io.zkgw.chainapp.proto.RequestStatus;
import java.util.HexFormat;

/**
 * A prediction request as proven from the ledger's state (chain-app's {@code PredictionRequest}): only
 * public fields — commitments and the ciphertext, never plaintext.
 */
public record ChainRequest(String requestId, String requester, String provider, byte[] modelId, long fee,
                           byte[] inputCommitment, byte[] maskCommitment, byte[] encryptedPayload,
                           long deadlineHeight, long height, boolean pending, boolean fulfilled, boolean rejected,
                           long closedHeight) {
    static ChainRequest of(String requestId, PredictionRequest r) {
        HexFormat hex = HexFormat.of();
        return new ChainRequest(requestId, hex.formatHex(r.getRequester().toByteArray()),
                hex.formatHex(r.getProvider().toByteArray()), r.getModelId().toByteArray(), r.getFee(),
                r.getInputCommitment().toByteArray(), r.getMaskCommitment().toByteArray(),
                r.getEncryptedPayload().toByteArray(), r.getDeadlineHeight(), r.getHeight(),
                r.getStatus() == RequestStatus.REQUEST_STATUS_PENDING, r.getStatus() == RequestStatus.REQUEST_STATUS_FULFILLED,
                r.getStatus() == RequestStatus.REQUEST_STATUS_REJECTED, r.getClosedHeight());
    }
}
