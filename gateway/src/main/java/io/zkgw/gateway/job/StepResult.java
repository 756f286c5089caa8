package io.zkgw.gateway.job;

import java.time.Duration;
import java.util.function.Consumer;

/** What a step asks the worker to record. */
public sealed interface StepResult {
    /** Move the job to {@code to}, applying {@code changes} to the row in the same transaction. */
    record Advance(JobState to, Consumer<JobEntity> changes) implements StepResult {}

    /** Leave the job where it is and look again after {@code delay} (not a failure: attempts unchanged). */
    record Wait(JobError reason, Duration delay) implements StepResult {}

    static StepResult advance(JobState to, Consumer<JobEntity> changes) {
        return new Advance(to, changes);
    }

    static StepResult advance(JobState to) {
        return new Advance(to, j -> {});
    }

    static StepResult waitFor(JobError reason, Duration delay) {
        return new Wait(reason, delay);
    }
}
