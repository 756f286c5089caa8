package io.zkgw.gateway.job;

/** The work that takes a job out of one state. One bean per state that has work to do. */
public interface JobStep {
    /** The states this step takes a job out of. */
    java.util.Set<JobState> from();

    /**
     * Does the step's work. Must be safe to run again for the same job (after a crash the step runs
     * anew): either its effects are idempotent or it records what it did through {@code checkpoint}
     * before it acts outside the gateway.
     */
    StepResult run(JobView job, Checkpoint checkpoint);

    /** Records changes on the job row without moving it (fenced by the worker's lease). */
    @FunctionalInterface
    interface Checkpoint {
        void record(java.util.function.Consumer<JobEntity> changes);
    }
}
