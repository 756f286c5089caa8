package io.zkgw.cli.clinician;

/** What {@link ClinicianClient#awaitResult} reports while it waits; called on the waiting thread. */
public interface ProgressListener {
    /** The request is still pending at {@code height}; it expires at the end of {@code deadlineHeight}. */
    void waiting(long height, long deadlineHeight);

    /** A remark about how the wait is done (e.g. live events unavailable, polling only). */
    default void note(String message) {}

    /** Reports nothing. */
    ProgressListener SILENT = (h, d) -> {};
}
