package io.zkgw.gateway.pipeline;

import io.zkgw.gateway.audit.AuditService;
import io.zkgw.gateway.chain.ChainRequest;
import io.zkgw.gateway.chain.Ledger;
import io.zkgw.gateway.job.JobEntity;
import io.zkgw.gateway.job.JobError;
import io.zkgw.gateway.job.JobRepository;
import io.zkgw.gateway.job.JobState;
import io.zkgw.gateway.job.JobStep;
import io.zkgw.gateway.job.JobView;
import io.zkgw.gateway.job.StepFailure;
import io.zkgw.gateway.job.StepResult;
import io.zkgw.gateway.metrics.GatewayMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * SUBMITTED → CONFIRMED once the transaction is in a block with result code 0 (the chain client checks
 * inclusion with the light client). A transaction the ledger refused sends the job to FAILED. The leader
 * of a batch settles its members in the same transaction: CONFIRMED, or FAILED for one the ledger skipped.
 */
@ApplicationScoped
public class ConfirmStep implements JobStep {
    @Inject
    Ledger ledger;

    @Inject
    SubmitStep submit;

    @Inject
    GatewayMetrics metrics;

    @Inject
    AuditService audit;

    @Inject
    JobRepository repo;

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
            return StepResult.waitFor(JobError.CHAIN_UNAVAILABLE, SubmitStep.OUTAGE_RETRY);
        }
        if (!st.committed()) {
            try {
                submit.resend(job, checkpoint);
            } catch (Ledger.ChainUnavailable | Ledger.Refused e) {
                return StepResult.waitFor(JobError.CHAIN_UNAVAILABLE, SubmitStep.OUTAGE_RETRY);
            } catch (StepFailure f) {
                if (f.error() != JobError.REQUEST_CLOSED) {
                    throw f;
                }
                return answeredEarlier(job, checkpoint).orElseThrow(() -> f);
            }
            return StepResult.waitFor(JobError.CHAIN_UNAVAILABLE, Duration.ofSeconds(2));
        }
        if ("REQUEST_NOT_PENDING".equals(st.codeName())) {
            return answeredEarlier(job, checkpoint).orElseThrow(() -> new StepFailure(JobError.REQUEST_CLOSED,
                    "tx " + job.txHash() + " executed with " + st.codeName()));
        }
        if (st.code() != 0) {
            throw new StepFailure(JobError.TX_REFUSED, "ledger refused tx " + job.txHash() + " with " + st.codeName());
        }
        return job.leadsBatch() ? batchExecuted(job, checkpoint, st.height()) : confirmed(st.height(), null);
    }

    private Optional<StepResult> answeredEarlier(JobView job, Checkpoint checkpoint) {
        if (job.leadsBatch()) {
            // none of the batch was pending: an earlier tx of ours (the same batch, signed again) answered
            // it, or every member expired; the proven request states say which
            List<JobView> members = repo.batchMembers(job.id());
            List<Optional<ChainRequest>> states = ledger.requests(members.stream().map(JobView::requestId).toList());
            Set<UUID> fulfilled = new HashSet<>();
            long height = 0;
            for (int i = 0; i < members.size(); i++) {
                var r = states.get(i);
                if (r.isPresent() && r.get().fulfilled()) {
                    fulfilled.add(members.get(i).id());
                    height = Math.max(height, r.get().closedHeight());
                }
            }
            return fulfilled.isEmpty() ? Optional.empty() : Optional.of(settle(job, checkpoint, height, fulfilled));
        }
        var closed = submit.closedByOurAnswer(job, SubmitStep.FULFIL.equals(job.txKind()));
        return closed.isPresent() ? Optional.of(confirmed(closed.getAsLong(), null)) : Optional.empty();
    }

    /**
     * A batch's tx executed at {@code height}. A member was pending when it ran unless its deadline had
     * passed (only expiry or this gateway closes a request, and a member is in one batch only); for those
     * few, the proven request state says whether the tx answered them.
     */
    private StepResult batchExecuted(JobView job, Checkpoint checkpoint, long height) {
        Set<UUID> fulfilled = new HashSet<>();
        List<JobView> late = new ArrayList<>();
        for (JobView m : repo.batchMembers(job.id())) {
            if (m.deadlineHeight() >= height) {
                fulfilled.add(m.id());
            } else {
                late.add(m);
            }
        }
        if (!late.isEmpty()) {
            List<Optional<ChainRequest>> states = ledger.requests(late.stream().map(JobView::requestId).toList());
            for (int i = 0; i < late.size(); i++) {
                if (states.get(i).filter(r -> r.fulfilled() && r.closedHeight() == height).isPresent()) {
                    fulfilled.add(late.get(i).id());
                }
            }
        }
        return settle(job, checkpoint, height, fulfilled);
    }

    /** Confirms the batch's fulfilled members, the leader too if it is one; the rest fail (skipped by the ledger). */
    private StepResult settle(JobView job, Checkpoint checkpoint, long height, Set<UUID> fulfilled) {
        if (fulfilled.contains(job.id())) {
            return confirmed(height, j -> j.effects.settleBatch(height, fulfilled, this::recordFulfilled));
        }
        checkpoint.record(j -> j.effects.settleBatch(height, fulfilled, this::recordFulfilled));
        throw new StepFailure(JobError.REQUEST_CLOSED, "request " + job.requestId() + " was no longer pending when its batch's tx "
                + job.txHash() + " executed");
    }

    private StepResult confirmed(long height, Consumer<JobEntity> more) {
        return StepResult.advance(JobState.CONFIRMED, j -> {
            j.txHeight = height;
            if (SubmitStep.FULFIL.equals(j.txKind)) {
                recordFulfilled(j);
            } else {
                audit.append("request_rejected", "request=" + j.requestId + "\ntx=" + j.txHash + "\nheight=" + height + "\n");
            }
            if (more != null) {
                more.accept(j);
            }
        });
    }

    /** The fee and the audit entry of one fulfilled request (inside the transaction that confirms it). */
    private void recordFulfilled(JobEntity j) {
        metrics.feeEarned(j.fee);
        audit.append("request_fulfilled", "request=" + j.requestId + "\ntx=" + j.txHash + "\nheight=" + j.txHeight + "\n");
    }
}
