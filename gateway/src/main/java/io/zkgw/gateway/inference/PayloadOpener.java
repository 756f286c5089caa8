package io.zkgw.gateway.inference;

import io.zkgw.envelope.Opened;
import io.zkgw.gateway.job.JobView;
import io.zkgw.prover.inference.CircuitDescription;

/**
 * Opens a request's encrypted payload for the model with description {@code d}: decrypt with the
 * provider key, decode, check the input against D, recompute C_x and C_r and compare with the request's.
 * {@link HpkePayloadOpener} (envelope/) is the implementation.
 */
public interface PayloadOpener {
    /** Accepted with the commitments and their opening, or Rejected with the reason code. Never throws for bad input. */
    Opened open(JobView job, CircuitDescription d);

    /** Whether a provider key is there to open with; when false, jobs wait rather than get rejected. */
    boolean available();
}
