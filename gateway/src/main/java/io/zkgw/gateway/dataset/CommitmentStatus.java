package io.zkgw.gateway.dataset;

/** Where a local commitment (dataset, model, provider key) stands with respect to the ledger. */
public enum CommitmentStatus {
    /** Computed and stored locally; not yet sent (no ledger configured, or waiting for the chain client). */
    REGISTERED,
    /** The transaction is recorded and broadcast; waiting for inclusion. */
    SUBMITTED,
    /** Included in a block; the chain id is known. */
    COMMITTED
}
