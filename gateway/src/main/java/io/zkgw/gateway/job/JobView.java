package io.zkgw.gateway.job;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A read-only copy of a job row that a step works on outside any transaction (steps can take seconds;
 * they hold no database connection meanwhile). The proof and the signed tx are not in it: they are read
 * from job_payload by the steps that send them.
 */
public record JobView(UUID id, String requestId, UUID modelId, byte[] chainModelId, String requester, JobState state,
                      long fee, long deadlineHeight,
                      byte[] inputCommitment, byte[] maskCommitment, byte[] encryptedPayload, Integer rejectReason,
                      Integer modelEpoch, byte[] maskedOutput, String txKind, String txHash, int attempts,
                      OffsetDateTime inferredAt, UUID batchId, Integer batchIndex) {
    static JobView of(JobEntity j) {
        return new JobView(j.id, j.requestId, j.modelId, j.chainModelId, j.requester, j.state, j.fee, j.deadlineHeight, j.inputCommitment,
                j.maskCommitment, j.encryptedPayload, j.rejectReason, j.modelEpoch, j.maskedOutput, j.txKind, j.txHash, j.attempts,
                j.inferredAt, j.batchId, j.batchIndex);
    }

    /** This job leads a batch proof (it proves, submits and confirms for every member). */
    public boolean leadsBatch() {
        return batchId != null && batchId.equals(id);
    }
}
