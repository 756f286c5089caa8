package io.zkgw.gateway.pipeline;

import io.zkgw.gateway.config.GatewayConfig;
import io.zkgw.gateway.inference.JobInputs;
import io.zkgw.gateway.job.JobError;
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
import java.util.HexFormat;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

/**
 * INFERRED → PROVED: proves z = M_W(x) + r against the committed model and the requester's commitments,
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
        Integer epoch = job.modelEpoch();
        if (epoch == null) {
            OptionalInt slot = epochs.reserve(job.modelId());
            if (slot.isEmpty()) {
                // not the job's fault: wait, without using up an attempt, for the next epoch on the ledger
                return StepResult.waitFor(JobError.MODEL_EPOCH_PENDING, EPOCH_WAIT);
            }
            int e = slot.getAsInt();
            checkpoint.record(j -> j.modelEpoch = e);
            epoch = e;
        }
        ModelRegistry.Loaded model = epochs.loaded(job.modelId(), epoch);
        Witness w = inputs.witness(job);
        RequesterCommitments rc = inputs.opening(job);
        long seed = ByteBuffer.wrap(HexFormat.of().parseHex(job.requestId().substring(0, 16))).getLong();
        long t0 = System.nanoTime();
        InferenceProof proof;
        try {
            proof = pool().submit(() -> InferenceProver.prove(model.committed(), w, rc, seed)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailure(JobError.PROVING_FAILED, "interrupted while proving");
        } catch (ExecutionException e) {
            throw new StepFailure(JobError.PROVING_FAILED, "prover failed: " + e.getCause().getClass().getSimpleName());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        metrics.proved(took);
        byte[] z = new MaskedOutput(proof.maskedOutputs().get(0)).encode();
        byte[] bytes = proof.bytes();
        inputs.forget(job.id());
        return StepResult.advance(JobState.PROVED, j -> {
            j.maskedOutput = z;
            j.proof = bytes;
            j.provingMillis = took.toMillis();
        });
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
