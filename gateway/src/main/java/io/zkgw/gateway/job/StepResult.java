package io.zkgw.gateway.job;

import java.time.Duration;
import java.util.function.Consumer;

/** What a step asks the worker to record. */
public sealed interface StepResult {
    /**
     * Move the job to {@code to}, applying {@code changes} to the row in the same transaction; the next
     * step runs no earlier than {@code after} from now.
     */
    record Advance(JobState to, Consumer<JobEntity> changes, Duration after) implements StepResult {}

    /** Leave the job where it is and look again after {@code delay} (not a failure: attempts unchanged). */
    record Wait(JobError reason, Duration delay) implements StepResult {}

    static StepResult advance(JobState to, Consumer<JobEntity> changes) {
        return new Advance(to, changes, Duration.ZERO);
    }

    static StepResult advance(JobState to) {
        return advance(to, j -> {});
    }

    /** Advance, and let the next step wait {@code after} (e.g. a block, before looking for a transaction). */
    static StepResult advanceAfter(JobState to, Duration after) {
        return new Advance(to, j -> {}, after);
    }

    static StepResult waitFor(JobError reason, Duration delay) {
        return new Wait(reason, delay);
    }
}
