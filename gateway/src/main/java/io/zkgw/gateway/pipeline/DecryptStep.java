package io.zkgw.gateway.pipeline;

import io.zkgw.gateway.inference.JobInputs;
import io.zkgw.gateway.inference.RequestRejected;
import io.zkgw.gateway.job.JobState;
import io.zkgw.gateway.job.JobStep;
import io.zkgw.gateway.job.JobView;
import io.zkgw.gateway.job.StepResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * RECEIVED → DECRYPTED: open the HPKE envelope with the provider key, check x against the model's input
 * and recompute C_x and C_r. A payload that does not open, does not fit, or does not match its
 * commitments, or a model we do not serve, is REJECTED with the reason code the ledger shows the requester.
 */
@ApplicationScoped
public class DecryptStep implements JobStep {
    @Inject
    JobInputs inputs;

    @Override
    public Set<JobState> from() {
        return Set.of(JobState.RECEIVED);
    }

    @Override
    public StepResult run(JobView job, Checkpoint checkpoint) {
        try {
            inputs.opening(job);
            return StepResult.advance(JobState.DECRYPTED);
        } catch (RequestRejected r) {
            inputs.forget(job.id());
            return Rejections.reject(r);
        }
    }
}
