package io.zkgw.gateway.pipeline;

import io.zkgw.gateway.inference.RequestRejected;
import io.zkgw.gateway.job.JobState;
import io.zkgw.gateway.job.StepResult;

/** The transition to REJECTED with the reason code that goes on the ledger. */
final class Rejections {
    private Rejections() {}

    static StepResult reject(RequestRejected r) {
        return StepResult.advance(JobState.REJECTED, j -> {
            j.rejectReason = r.code();
            j.rejectReasonName = r.reason();
        });
    }
}
