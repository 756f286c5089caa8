package io.zkgw.gateway.job;

import java.util.UUID;

/**
 * A read-only copy of a job row that a step works on outside any transaction (steps can take seconds;
 * they hold no database connection meanwhile).
 */
public record JobView(UUID id, String requestId, UUID modelId, byte[] chainModelId, String requester, JobState state,
                      long fee, long deadlineHeight,
                      byte[] inputCommitment, byte[] maskCommitment, byte[] encryptedPayload, Integer rejectReason,
                      Integer modelEpoch, byte[] maskedOutput, byte[] proof, String txKind, byte[] txBytes, String txHash, int attempts) {
    static JobView of(JobEntity j) {
        return new JobView(j.id, j.requestId, j.modelId, j.chainModelId, j.requester, j.state, j.fee, j.deadlineHeight, j.inputCommitment,
                j.maskCommitment, j.encryptedPayload, j.rejectReason, j.modelEpoch, j.maskedOutput, j.proof, j.txKind, j.txBytes,
                j.txHash, j.attempts);
    }
}
