package io.zkgw.gateway.pipeline;

import io.zkgw.gateway.audit.AuditService;
import io.zkgw.gateway.chain.Ledger;
import io.zkgw.gateway.job.JobError;
import io.zkgw.gateway.job.JobState;
import io.zkgw.gateway.job.JobStep;
import io.zkgw.gateway.job.JobView;
import io.zkgw.gateway.job.StepFailure;
import io.zkgw.gateway.job.StepResult;
import io.zkgw.gateway.metrics.GatewayMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;

/**
 * SUBMITTED → CONFIRMED once the transaction is in a block with result code 0 (the chain client checks
 * inclusion with the light client). A transaction the ledger refused sends the job to FAILED.
 */
@ApplicationScoped
public class ConfirmStep implements JobStep {
    @Inject
    Ledger ledger;

    @Inject
    GatewayMetrics metrics;

    @Inject
    AuditService audit;

    @Override
    public Set<JobState> from() {
        return Set.of(JobState.SUBMITTED);
    }

    @Override
    public StepResult run(JobView job, Checkpoint checkpoint) {
        if (!ledger.configured()) {
            return StepResult.waitFor(JobError.CHAIN_NOT_CONFIGURED, Duration.ofMinutes(1));
        }
        Ledger.TxStatus st;
        try {
            st = ledger.status(job.txHash());
        } catch (Ledger.ChainUnavailable e) {
            throw new StepFailure(JobError.CHAIN_UNAVAILABLE, e.getMessage());
        }
        if (!st.committed()) {
            return StepResult.waitFor(JobError.CHAIN_UNAVAILABLE, Duration.ofSeconds(2));
        }
        if (st.code() != 0) {
            throw new StepFailure(JobError.TX_REFUSED, "ledger refused tx " + job.txHash() + " with code " + st.code());
        }
        return StepResult.advance(JobState.CONFIRMED, j -> {
            j.txHeight = st.height();
            if (SubmitStep.FULFIL.equals(j.txKind)) {
                metrics.feeEarned(j.fee);
            }
            audit.append("request_" + (SubmitStep.FULFIL.equals(j.txKind) ? "fulfilled" : "rejected"),
                    "request=" + j.requestId + "\ntx=" + j.txHash + "\nheight=" + st.height() + "\n");
        });
    }
}
