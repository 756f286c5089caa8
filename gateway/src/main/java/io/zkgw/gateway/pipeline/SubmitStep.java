package io.zkgw.gateway.pipeline;

import io.zkgw.gateway.chain.Ledger;
import io.zkgw.gateway.config.GatewayConfig;
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
 * transaction never signs a new one: it asks the ledger for that hash and re-sends the same bytes if
 * they are not in a block yet (the same bytes cannot execute twice).
 */
@ApplicationScoped
public class SubmitStep implements JobStep {
    public static final String FULFIL = "fulfil";
    public static final String REJECT = "reject";

    @Inject
    Ledger ledger;

    @Inject
    GatewayConfig config;

    @Override
    public Set<JobState> from() {
        return Set.of(JobState.PROVED, JobState.REJECTED);
    }

    @Override
    public StepResult run(JobView job, Checkpoint checkpoint) {
        if (!ledger.configured()) {
            return StepResult.waitFor(JobError.CHAIN_NOT_CONFIGURED, Duration.ofMinutes(1));
        }
        Ledger.SignedTx tx;
        if (job.txHash() == null) {
            try {
                tx = job.state() == JobState.PROVED
                        ? ledger.fulfil(job.requestId(), job.maskedOutput(), job.proof())
                        : ledger.reject(job.requestId(), job.rejectReason());
            } catch (RuntimeException e) {
                throw new StepFailure(JobError.CHAIN_UNAVAILABLE, "cannot sign the transaction: " + e.getMessage());
            }
            String kind = job.state() == JobState.PROVED ? FULFIL : REJECT;
            checkpoint.record(j -> {
                j.txKind = kind;
                j.txBytes = tx.bytes();
                j.txHash = tx.hash();
            });
        } else {
            tx = new Ledger.SignedTx(job.txBytes(), job.txHash());
            Ledger.TxStatus st;
            try {
                st = ledger.status(tx.hash());
            } catch (RuntimeException e) {
                throw new StepFailure(JobError.CHAIN_UNAVAILABLE, "ledger unreachable: " + e.getMessage());
            }
            if (st.committed()) {
                return StepResult.advance(JobState.SUBMITTED);
            }
        }
        try {
            ledger.broadcast(tx);
        } catch (RuntimeException e) {
            throw new StepFailure(JobError.CHAIN_UNAVAILABLE, "broadcast failed: " + e.getMessage());
        }
        return StepResult.advance(JobState.SUBMITTED);
    }
}
