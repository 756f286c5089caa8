package io.zkgw.gateway.pipeline;

import io.zkgw.gateway.db.Timestamps;
import io.zkgw.gateway.inference.JobInputs;
import io.zkgw.gateway.job.JobState;
import io.zkgw.gateway.job.JobStep;
import io.zkgw.gateway.job.JobView;
import io.zkgw.gateway.job.StepResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/** ADMITTED → INFERRED: the witness from ONNX Runtime, equal to the reference interpreter's (kept in memory). */
@ApplicationScoped
public class InferStep implements JobStep {
    @Inject
    JobInputs inputs;

    @Override
    public Set<JobState> from() {
        return Set.of(JobState.ADMITTED);
    }

    @Override
    public StepResult run(JobView job, Checkpoint checkpoint) {
        inputs.witness(job);
        return StepResult.advance(JobState.INFERRED, j -> j.inferredAt = Timestamps.now());
    }
}
