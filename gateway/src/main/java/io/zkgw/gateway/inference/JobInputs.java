package io.zkgw.gateway.inference;

import io.zkgw.envelope.Opened;
import io.zkgw.envelope.Reason;
import io.zkgw.gateway.job.JobError;
import io.zkgw.gateway.job.JobView;
import io.zkgw.gateway.job.StepFailure;
import io.zkgw.gateway.model.ModelEntity;
import io.zkgw.gateway.model.ModelRegistry;
import io.zkgw.gateway.model.ModelService;
import io.zkgw.ir.IntInterpreter;
import io.zkgw.ir.Witness;
import io.zkgw.prover.inference.RequesterCommitments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plaintext side of a job, held in memory only: the requester's opening (decrypted input and mask)
 * and the witness. Nothing here is ever written to the database or a log. A worker that resumes a job
 * after a restart finds nothing cached and recomputes it from the stored ciphertext, which is why the
 * DECRYPTED and INFERRED states need no plaintext on disk. Entries are dropped when the job is proved
 * or rejected.
 */
@ApplicationScoped
public class JobInputs {
    @Inject
    PayloadOpener opener;

    @Inject
    ModelService models;

    @Inject
    OrtRunners runners;

    private final Map<UUID, RequesterCommitments> openings = new ConcurrentHashMap<>();
    private final Map<UUID, Witness> witnesses = new ConcurrentHashMap<>();

    /** The job's model, loaded and checked against its registered commitment; a model we do not serve rejects. */
    public ModelRegistry.Loaded model(JobView job) {
        ModelEntity m = (job.modelId() == null ? java.util.Optional.<ModelEntity>empty() : models.find(job.modelId())).orElseThrow(() -> new RequestRejected(Reason.MODEL_RETIRED.code(),
                Reason.MODEL_RETIRED.name(), "model " + job.modelId() + " is not served here"));
        try {
            return models.loaded(m);
        } catch (RuntimeException e) {
            throw new StepFailure(JobError.INTERNAL, "model " + m.id + " cannot be loaded: " + e.getMessage());
        }
    }

    /**
     * The requester's commitments with their opening: decrypted, checked against D and against C_x and C_r.
     *
     * @throws RequestRejected with the envelope's reason when the payload is refused
     */
    public RequesterCommitments opening(JobView job) {
        RequesterCommitments cached = openings.get(job.id());
        if (cached != null) {
            return cached;
        }
        if (!opener.available()) {
            throw new StepFailure(JobError.NO_PROVIDER_KEY, "no provider key to open request payloads with");
        }
        Opened o = opener.open(job, model(job).committed().description());
        return switch (o) {
            case Opened.Accepted a -> {
                openings.put(job.id(), a.commitments());
                yield a.commitments();
            }
            case Opened.Rejected r -> throw new RequestRejected(r.code(), r.reason().name(), r.detail());
        };
    }

    /** The witness of the job's input: ONNX Runtime, cross-checked by the Java reference interpreter. */
    public Witness witness(JobView job) {
        Witness cached = witnesses.get(job.id());
        if (cached != null) {
            return cached;
        }
        ModelRegistry.Loaded m = model(job);
        long[] x = opening(job).opening().x();
        Witness w;
        try {
            w = runners.runner(job.modelId(), m.file().model()).run(x);
        } catch (RuntimeException e) {
            throw new StepFailure(JobError.INFERENCE_FAILED, "ONNX Runtime failed: " + e.getClass().getSimpleName());
        }
        if (!w.sameAs(IntInterpreter.run(m.file().model(), x))) {
            throw new StepFailure(JobError.INFERENCE_FAILED, "ONNX Runtime and the reference interpreter disagree; refusing to prove");
        }
        witnesses.put(job.id(), w);
        return w;
    }

    /** Forgets the job's plaintext. */
    public void forget(UUID job) {
        openings.remove(job);
        witnesses.remove(job);
    }

    /** Forgets all plaintext (tests use it to stand for a restart). */
    public void forgetAll() {
        openings.clear();
        witnesses.clear();
    }
}
