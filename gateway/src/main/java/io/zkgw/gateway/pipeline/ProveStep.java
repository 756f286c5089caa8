package io.zkgw.gateway.pipeline;

import io.zkgw.gateway.chain.ChainHeight;
import io.zkgw.gateway.config.GatewayConfig;
import io.zkgw.gateway.db.Timestamps;
import io.zkgw.gateway.inference.JobInputs;
import io.zkgw.gateway.job.JobError;
import io.zkgw.gateway.job.JobRepository;
import io.zkgw.gateway.job.MaskedOutputs;
import io.zkgw.gateway.job.JobState;
import io.zkgw.gateway.job.JobStep;
import io.zkgw.gateway.job.JobView;
import io.zkgw.gateway.job.StepFailure;
import io.zkgw.gateway.job.StepResult;
import io.zkgw.gateway.metrics.GatewayMetrics;
import io.zkgw.gateway.model.ModelEpochs;
import io.zkgw.gateway.model.ModelRegistry;
import io.zkgw.ir.Witness;
import io.zkgw.prover.inference.InferenceProof;
import io.zkgw.prover.inference.InferenceProver;
import io.zkgw.prover.inference.MaskedOutput;
import io.zkgw.prover.inference.RequesterCommitments;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.HexFormat;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

/**
 * INFERRED → PROVED: proves z = M_W(x) + r against the committed model and the requester's commitments,
 * for this job alone or, with zkgw.prover.batch-size &gt; 1, for a batch it leads (its model's INFERRED jobs
 * at hand become BATCHED behind it; the membership is recorded before proving and never changes),
 * on a fork-join pool of zkgw.prover.threads, against the model commitment epoch whose proof slot
 * the job reserved first ({@link ModelEpochs}). Stores z and the proof (both public) and drops the job's
 * plaintext. The prover seed is derived from the request id, so proving a job again after a crash gives
 * the same bytes.
 */
@ApplicationScoped
public class ProveStep implements JobStep {
    @Inject
    JobInputs inputs;

    @Inject
    GatewayMetrics metrics;

    @Inject
    ModelEpochs epochs;

    static final Duration EPOCH_WAIT = Duration.ofSeconds(1);
    /** Blocks of deadline a job must have left to join a batch. */
    static final long BATCH_DEADLINE_MARGIN = 10;

    @Inject
    JobRepository repo;

    @Inject
    ChainHeight chainHeight;

    @Inject
    GatewayConfig config;

    private volatile ForkJoinPool pool;

    @Override
    public Set<JobState> from() {
        return Set.of(JobState.INFERRED);
    }

    @Override
    public StepResult run(JobView job, Checkpoint checkpoint) {
        inputs.model(job); // the job's model is still served here (else it is rejected)
        int batchSize = config.prover().batchSize();
        if (batchSize > 1 && job.batchId() == null) {
            Optional<StepResult> wait = formBatch(job, checkpoint, batchSize);
            if (wait.isPresent()) {
                return wait.get();
            }
        }
        // the members in statement order, the leader first: the batch this job leads (formed just now or before
        // a crash), or, when there is none, this job alone
        List<JobView> members = batchSize > 1 || job.leadsBatch() ? repo.batchMembers(job.id()) : List.of();
        // a batch (even one whose followers were all taken by others: its leader alone) is answered from the
        // stored list of masked outputs; a job proved alone from its own masked output
        boolean leadsBatch = !members.isEmpty();
        if (members.isEmpty()) {
            members = List.of(job);
        }
        Integer epoch = job.modelEpoch();
        if (epoch == null) {
            OptionalInt slot = epochs.reserve(job.modelId());
            if (slot.isEmpty()) {
                var refused = epochs.refusedNewest(job.modelId());
                if (refused.isPresent()) {
                    // the next epoch will never be on the ledger: fail now rather than at the deadline
                    throw new StepFailure(JobError.MODEL_EPOCH_REFUSED, "model " + job.modelId() + " epoch " + refused.get().epoch
                            + " was refused by the ledger (" + refused.get().commitError + ") and every committed epoch is full");
                }
                // not the job's fault: wait, without using up an attempt, for the next epoch on the ledger
                return StepResult.waitFor(JobError.MODEL_EPOCH_PENDING, EPOCH_WAIT);
            }
            int e = slot.getAsInt();
            checkpoint.record(j -> j.modelEpoch = e);
            epoch = e;
        }
        ModelRegistry.Loaded model = epochs.loaded(job.modelId(), epoch);
        List<Witness> ws = new ArrayList<>(members.size());
        List<RequesterCommitments> rcs = new ArrayList<>(members.size());
        for (JobView m : members) {
            ws.add(inputs.witness(m));
            rcs.add(inputs.opening(m));
        }
        // the seed comes from the leader's request id: proving the same batch again (after a crash) gives
        // the same bytes, which is what keeps every requester's commitments opened once (§11)
        long seed = ByteBuffer.wrap(HexFormat.of().parseHex(job.requestId().substring(0, 16))).getLong();
        long t0 = System.nanoTime();
        InferenceProof proof;
        try {
            proof = pool().submit(() -> InferenceProver.prove(model.committed(), ws, rcs, seed)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailure(JobError.PROVING_FAILED, "interrupted while proving");
        } catch (ExecutionException e) {
            throw new StepFailure(JobError.PROVING_FAILED, "prover failed: " + e.getCause().getClass().getSimpleName());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        metrics.proved(took, members.size());
        List<byte[]> zs = new ArrayList<>(members.size());
        for (long[] z : proof.maskedOutputs()) {
            zs.add(new MaskedOutput(z).encode());
        }
        byte[] bytes = proof.bytes();
        for (JobView m : members) {
            inputs.forget(m.id());
        }
        return StepResult.advance(JobState.PROVED, j -> {
            j.maskedOutput = zs.get(0);
            j.effects.proved(bytes, leadsBatch ? MaskedOutputs.encode(zs) : null);
            j.provingMillis = took.toMillis();
        });
    }

    /**
     * Makes this job the leader of a batch of up to {@code batchSize} INFERRED jobs of its model, or asks it
     * to wait (up to zkgw.prover.batch-wait since it became INFERRED) while fewer are there. Jobs whose
     * deadline is near are left out, so that a batch's tx is not answered for requests about to expire.
     */
    private Optional<StepResult> formBatch(JobView job, Checkpoint checkpoint, int batchSize) {
        // the worker's cached height (no RPC per waiting job; an outage does not fail the step)
        long minDeadline = chainHeight.latest().orElse(0) + BATCH_DEADLINE_MARGIN;
        long available = repo.countBatchCandidates(job, minDeadline);
        if (available + 1 < batchSize && job.inferredAt() != null) {
            Duration waited = Duration.between(job.inferredAt(), Timestamps.now());
            Duration left = config.prover().batchWait().minus(waited);
            if (left.isPositive()) {
                return Optional.of(StepResult.waitFor(JobError.BATCH_FILLING, left));
            }
        }
        if (available > 0) {
            checkpoint.record(j -> j.effects.formBatch(batchSize - 1, minDeadline));
        }
        return Optional.empty();
    }

    private ForkJoinPool pool() {
        ForkJoinPool p = pool;
        if (p == null) {
            synchronized (this) {
                if (pool == null) {
                    int n = config.prover().threads();
                    pool = new ForkJoinPool(n > 0 ? n : Runtime.getRuntime().availableProcessors());
                }
                p = pool;
            }
        }
        return p;
    }

    @PreDestroy
    void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
