package io.zkgw.gateway.pipeline;

import io.zkgw.gateway.chain.Ledger;
import io.zkgw.gateway.job.JobError;
import io.zkgw.gateway.job.JobPayloadEntity;
import io.zkgw.gateway.job.JobRepository;
import io.zkgw.gateway.job.MaskedOutputs;
import io.zkgw.gateway.job.JobState;
import io.zkgw.gateway.job.JobStep;
import io.zkgw.gateway.job.JobView;
import io.zkgw.gateway.job.StepFailure;
import io.zkgw.gateway.job.StepResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
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
    static final Duration OUTAGE_RETRY = Duration.ofSeconds(3);
    static final Duration FIRST_CONFIRM = Duration.ofMillis(800);

    @Inject
    Ledger ledger;

    @Inject
    JobRepository repo;

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
            return ledger.inOrder(() -> submit(job, checkpoint));
        } catch (Ledger.ChainUnavailable e) {
            // an outage is not the job's fault: wait without using up its attempts (the deadline bounds it)
            return StepResult.waitFor(JobError.CHAIN_UNAVAILABLE, OUTAGE_RETRY);
        }
    }

    /**
     * For a SUBMITTED job whose transaction is not in a block: send the recorded bytes again (a node that
     * restarted has lost its mempool). When the ledger says those bytes can never execute (their sequence
     * number is taken), sign the same answer anew and record it; the job stays SUBMITTED.
     */
    void resend(JobView job, Checkpoint checkpoint) {
        ledger.inOrder(() -> {
            Ledger.SignedTx tx = new Ledger.SignedTx(txBytes(job), job.txHash());
            try {
                ledger.broadcast(tx);
            } catch (Ledger.Refused r) {
                if (ledger.status(tx.hash()).committed()) {
                    return null;
                }
                if (closesNothing(r)) {
                    throw new StepFailure(JobError.REQUEST_CLOSED, "ledger refused tx " + tx.hash() + ": " + r.code());
                }
                if (!"WRONG_SEQUENCE".equals(r.code())) {
                    throw new StepFailure(JobError.TX_REFUSED, "ledger refused tx " + tx.hash() + ": " + r.code());
                }
                Ledger.SignedTx fresh = sign(job, FULFIL.equals(job.txKind()));
                checkpoint.record(j -> {
                    j.effects.signed(fresh.bytes());
                    j.txHash = fresh.hash();
                });
                ledger.broadcast(fresh);
            }
            return null;
        });
    }

    private StepResult submit(JobView job, Checkpoint checkpoint) {
        Ledger.SignedTx tx;
        if (job.txHash() == null) {
            // a transaction that could only reach a block at or after the deadline is refused by the
            // ledger (the requester is refunded): send nothing, spend no fee
            if (ledger.latestHeight() + 1 >= job.deadlineHeight()) {
                throw new StepFailure(JobError.DEADLINE_PASSED, "deadline height " + job.deadlineHeight() + " reached");
            }
            tx = sign(job, job.state() == JobState.PROVED);
            String kind = job.state() == JobState.PROVED ? FULFIL : REJECT;
            checkpoint.record(j -> {
                j.txKind = kind;
                j.effects.signed(tx.bytes());
                j.txHash = tx.hash();
            });
        } else {
            tx = new Ledger.SignedTx(txBytes(job), job.txHash());
            if (ledger.status(tx.hash()).committed()) {
                return StepResult.advance(JobState.SUBMITTED);
            }
        }
        try {
            ledger.broadcast(tx);
        } catch (Ledger.Refused r) {
            if (closesNothing(r)) {
                if (closedByOurAnswer(job, job.state() == JobState.PROVED).isPresent()) {
                    // an earlier transaction of ours answered it; ConfirmStep records that
                    return StepResult.advance(JobState.SUBMITTED);
                }
                throw new StepFailure(JobError.REQUEST_CLOSED, "ledger refused tx " + tx.hash() + ": " + r.code());
            }
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
                j.effects.unsigned();
                j.txHash = null;
            });
            return StepResult.waitFor(JobError.CHAIN_UNAVAILABLE, Duration.ofSeconds(1));
        }
        // a block passes before the tx can be in one: looking earlier only fetches and re-sends it for nothing
        return StepResult.advanceAfter(JobState.SUBMITTED, FIRST_CONFIRM);
    }

    private Ledger.SignedTx sign(JobView job, boolean fulfil) {
        if (!fulfil) {
            return ledger.reject(job.requestId(), job.rejectReason());
        }
        // a job proved before epochs existed (schema version 2) was proved against epoch 0
        int epoch = job.modelEpoch() == null ? 0 : job.modelEpoch();
        JobPayloadEntity p = repo.payload(job.id()).filter(x -> x.proof != null)
                .orElseThrow(() -> new StepFailure(JobError.INTERNAL, "job " + job.id() + " is PROVED without a stored proof"));
        if (!job.leadsBatch()) {
            return ledger.fulfil(job.requestId(), job.maskedOutput(), p.proof, epoch);
        }
        List<JobView> members = repo.batchMembers(job.id());
        List<byte[]> outputs = MaskedOutputs.decode(p.maskedOutputs);
        if (outputs.size() != members.size()) {
            throw new StepFailure(JobError.INTERNAL, "batch " + job.id() + " has " + members.size() + " members but "
                    + outputs.size() + " masked outputs");
        }
        return ledger.fulfilBatch(members.stream().map(JobView::requestId).toList(), outputs, p.proof, epoch);
    }

    private byte[] txBytes(JobView job) {
        return repo.payload(job.id()).map(p -> p.txBytes).filter(java.util.Objects::nonNull)
                .orElseThrow(() -> new StepFailure(JobError.INTERNAL, "job " + job.id() + " has a tx hash but no stored tx"));
    }

    /** The ledger refused because the request is no longer open to any answer. */
    private static boolean closesNothing(Ledger.Refused r) {
        return "REQUEST_NOT_PENDING".equals(r.code()) || "INVALID_DEADLINE".equals(r.code());
    }

    /**
     * The height at which the request was closed, if it was closed by our kind of answer (fulfilled, or
     * rejected): an earlier transaction of ours, e.g. bytes re-signed after a node lost its mempool while
     * the first ones went through. Only the provider can fulfil or reject its requests, so the status
     * (read with a state proof) says it was us.
     */
    OptionalLong closedByOurAnswer(JobView job, boolean fulfil) {
        return ledger.request(job.requestId())
                .filter(r -> fulfil ? r.fulfilled() : r.rejected())
                .map(r -> OptionalLong.of(r.closedHeight())).orElse(OptionalLong.empty());
    }
}
