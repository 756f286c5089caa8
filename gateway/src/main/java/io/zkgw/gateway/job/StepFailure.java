package io.zkgw.gateway.job;

/**
 * A step failed for a known reason. The message is for operators and must not contain request data;
 * the cause is kept for the stack trace only when it cannot carry such data.
 */
public final class StepFailure extends RuntimeException {
    private final JobError error;

    public StepFailure(JobError error, String message) {
        super(message);
        this.error = error;
    }

    public StepFailure(JobError error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public JobError error() {
        return error;
    }
}
