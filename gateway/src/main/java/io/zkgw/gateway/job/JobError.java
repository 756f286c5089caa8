package io.zkgw.gateway.job;

/**
 * Why a step failed or waits, as stored in {@code job.last_error_code} and counted in metrics. Codes, not
 * messages: an exception message could quote request data, a code cannot. (Why a request is refused is
 * a rejection reason, envelope/'s Reason or a policy rule, not one of these.)
 */
public enum JobError {
    /** No provider key has been generated yet (POST /api/provider-key); received jobs wait. */
    NO_PROVIDER_KEY(true),
    /** ONNX Runtime failed, or disagreed with the reference interpreter. */
    INFERENCE_FAILED(true),
    /** The prover failed. */
    PROVING_FAILED(true),
    /** No ledger is configured: the job waits at PROVED or REJECTED until one is. */
    CHAIN_NOT_CONFIGURED(true),
    /** The ledger could not be reached or refused the transaction for a transient reason. */
    CHAIN_UNAVAILABLE(true),
    /** Every committed epoch of the model has spent its proof budget; the next one is being published. */
    MODEL_EPOCH_PENDING(true),
    /**
     * Every committed epoch of the model has spent its proof budget and the ledger refused the next one (its
     * RecommitModel, whose code the epoch's publication row keeps): no epoch will come, so the job fails now
     * instead of waiting for its deadline. The model takes no more proofs until an admin registers it anew.
     */
    MODEL_EPOCH_REFUSED(false),
    /** The job waits (zkgw.prover.batch-wait at most) for more jobs of its model to fill a batch proof. */
    BATCH_FILLING(true),
    /** The ledger executed our transaction with a non-zero result code. */
    TX_REFUSED(false),
    /** The request's deadline passed before the job could finish; the ledger refunds the requester. */
    DEADLINE_PASSED(false),
    /** The ledger no longer holds the request as pending (it expired and was refunded, or was answered). */
    REQUEST_CLOSED(false),
    /** An unexpected exception; its class name (never its message) goes to the log. */
    INTERNAL(true);

    /** Whether the step is tried again (up to zkgw.worker.max-attempts). */
    public final boolean retryable;

    JobError(boolean retryable) {
        this.retryable = retryable;
    }
}
