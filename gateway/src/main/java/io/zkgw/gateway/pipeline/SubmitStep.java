package io.zkgw.gateway.pipeline;

import io.zkgw.gateway.chain.Ledger;
import io.zkgw.gateway.job.JobError;
import io.zkgw.gateway.job.JobState;
import io.zkgw.gateway.job.JobStep;
import io.zkgw.gateway.job.JobView;
import io.zkgw.gateway.job.StepFailure;
import io.zkgw.gateway.job.StepResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;

/**
 * PROVED or REJECTED → SUBMITTED: the only step whose effect leaves the appliance, so it is split in
 * two. First the signed transaction (FulfillPrediction, or RejectRequest with the reason code) is
 * recorded on the job; only then is it broadcast. A worker that resumes a job with a recorded
 * transaction never signs a new one while that one may still execute: it asks the ledger for that hash
 * and re-sends the same bytes if they are not in a block yet (the same bytes cannot execute twice). Only
 * when the ledger refuses the recorded bytes for their sequence number (so they can never execute) is
 * the record cleared and a new transaction signed.
 */
@ApplicationScoped
public class SubmitStep implements JobStep {
    public static final String FULFIL = "fulfil";
    public static final String REJECT = "reject";

    @Inject
    Ledger ledger;

    @Override
    public Set<JobState> from() {
        return Set.of(JobState.PROVED, JobState.REJECTED);
    }

    @Override
    public StepResult run(JobView job, Checkpoint checkpoint) {
        if (!ledger.configured()) {
            return StepResult.waitFor(JobError.CHAIN_NOT_CONFIGURED, Duration.ofMinutes(1));
        }
        try {
            Ledger.SignedTx tx;
            if (job.txHash() == null) {
                tx = job.state() == JobState.PROVED
                        ? ledger.fulfil(job.requestId(), job.maskedOutput(), job.proof())
                        : ledger.reject(job.requestId(), job.rejectReason());
                String kind = job.state() == JobState.PROVED ? FULFIL : REJECT;
                checkpoint.record(j -> {
                    j.txKind = kind;
                    j.txBytes = tx.bytes();
                    j.txHash = tx.hash();
                });
            } else {
                tx = new Ledger.SignedTx(job.txBytes(), job.txHash());
                if (ledger.status(tx.hash()).committed()) {
                    return StepResult.advance(JobState.SUBMITTED);
                }
            }
            try {
                ledger.broadcast(tx);
            } catch (Ledger.Refused r) {
                if (!"WRONG_SEQUENCE".equals(r.code())) {
                    throw new StepFailure(JobError.TX_REFUSED, "ledger refused tx " + tx.hash() + ": " + r.code());
                }
                if (ledger.status(tx.hash()).committed()) {
                    // our own bytes executed meanwhile (that is what used the sequence)
                    return StepResult.advance(JobState.SUBMITTED);
                }
                // these bytes can no longer execute (their sequence went to another tx): sign anew next time.
                // Were they executed after all in a block the node has not indexed yet, the new tx fails
                // with REQUEST_NOT_PENDING: a fee lost, never a second fulfilment.
                checkpoint.record(j -> {
                    j.txKind = null;
                    j.txBytes = null;
                    j.txHash = null;
                });
                return StepResult.waitFor(JobError.CHAIN_UNAVAILABLE, Duration.ofSeconds(1));
            }
            return StepResult.advance(JobState.SUBMITTED);
        } catch (Ledger.ChainUnavailable e) {
            throw new StepFailure(JobError.CHAIN_UNAVAILABLE, e.getMessage());
        }
    }
}
