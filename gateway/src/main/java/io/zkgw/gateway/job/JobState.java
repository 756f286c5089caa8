package io.zkgw.gateway.job;

/**
 * The states of a prediction job. The happy path is RECEIVED → DECRYPTED → ADMITTED → INFERRED → PROVED →
 * SUBMITTED → CONFIRMED; a request refused by decryption, commitment check or policy goes to REJECTED,
 * whose RejectRequest is then SUBMITTED and CONFIRMED like a fulfilment. FAILED is where a job stops
 * when it can never complete (retries exhausted, deadline passed); nothing is sent for it.
 *
 * <p>With zkgw.prover.batch-size &gt; 1 an INFERRED job may become BATCHED: a member of a batch proof led
 * by another job, which proves, submits and confirms for it; the leader settles it CONFIRMED (or FAILED).
 * If the leader fails before any tx of the batch was signed, nothing of the batch left the appliance and
 * its members go back to INFERRED to be batched again.
 */
public enum JobState {
    RECEIVED(0),
    DECRYPTED(1),
    ADMITTED(2),
    INFERRED(3),
    PROVED(4),
    REJECTED(4),
    BATCHED(4),
    SUBMITTED(5),
    CONFIRMED(6),
    FAILED(7);

    /** Position along the pipeline; a transition never goes to a lower stage. */
    final int stage;

    JobState(int stage) {
        this.stage = stage;
    }

    public boolean terminal() {
        return this == CONFIRMED || this == FAILED;
    }
}
