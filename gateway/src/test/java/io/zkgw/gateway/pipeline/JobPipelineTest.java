package io.zkgw.gateway.pipeline;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.zkgw.gateway.inference.JobInputs;
import io.zkgw.gateway.job.JobEntity;
import io.zkgw.gateway.job.JobError;
import io.zkgw.gateway.job.JobRepository;
import io.zkgw.gateway.job.JobState;
import io.zkgw.gateway.job.JobView;
import io.zkgw.gateway.job.JobWorker;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.zkgw.gateway.dataset.CommitmentStatus;
import io.zkgw.gateway.model.ModelEntity;
import io.zkgw.gateway.model.ModelEpochEntity;
import io.zkgw.gateway.model.ModelEpochs;
import io.zkgw.gateway.model.ModelService;
import io.zkgw.gateway.testing.Requests;
import io.zkgw.gateway.testing.Fixtures;
import io.zkgw.gateway.testing.KeycloakTestResource;
import io.zkgw.gateway.testing.Tokens;
import io.zkgw.inference.card.ZkmFile;
import io.zkgw.inference.data.CsvDataset;
import io.zkgw.ir.IntInterpreter;
import io.zkgw.prover.inference.InferenceVerifier;
import io.zkgw.prover.inference.MaskedOutput;
import io.zkgw.prover.inference.RequestStatement;
import io.zkgw.prover.inference.RequesterCommitments;
import io.zkgw.prover.pcs.tensor.TensorCommitment;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Jobs through the real pipeline: payload opened (test stand-in until envelope/ lands), commitments
 * recomputed, ONNX Runtime witness checked against the interpreter, real proof that verifies; rejection
 * with a reason code; and crash/resume: a worker stopped at any step leaves the job to the next worker
 * once its lease runs out, which finishes it running each remaining step exactly once.
 */
@QuarkusTest
@WithTestResource(KeycloakTestResource.class)
class JobPipelineTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    JobWorker worker;

    @Inject
    JobRepository jobs;

    @Inject
    ModelService models;

    @Inject
    JobInputs inputs;

    @Inject
    ModelEpochs epochs;

    @Inject
    Session session;

    private static UUID modelId;

    @BeforeEach
    void model() {
        if (modelId == null) {
            UUID ds = Fixtures.registerDataset(Fixtures.unique("bc"));
            modelId = Fixtures.registerModel(Fixtures.unique("bc-mlp"), ds);
        }
    }

    private Requests.Request request(int row, boolean badSeed) {
        return Requests.build(models, modelId, row, 9, badSeed);
    }

    /** Runs worker rounds as {@code owner} until the job stops moving. */
    private JobEntity drive(UUID id, String owner, JobWorker.CrashPoint observer) {
        JobState last = null;
        for (int i = 0; i < 20; i++) {
            worker.runOnce(owner, observer);
            JobEntity j = jobs.find(id).orElseThrow();
            if (j.state == last && j.nextAttemptAt.isAfter(java.time.OffsetDateTime.now())) {
                return j;
            }
            last = j.state;
        }
        return jobs.find(id).orElseThrow();
    }

    @Test
    void requestIsProvedAndTheProofVerifies() throws Exception {
        Requests.Request req = request(0, false);
        UUID id = jobs.insertIfAbsent(req.job());
        assertEquals(id, jobs.insertIfAbsent(copyOf(req.job())), "the same request id never becomes a second job");
        JobEntity j = drive(id, "worker-a", null);
        assertEquals(JobState.PROVED, j.state);
        assertEquals(JobError.CHAIN_NOT_CONFIGURED.name(), j.lastErrorCode, "without a ledger the job waits at PROVED");
        byte[] proof = jobs.payload(id).orElseThrow().proof;
        assertNotNull(proof);
        assertEquals(proof.length, j.proofBytes);
        assertEquals(null, j.batchId, "batch-size 1 proves each job alone");
        assertEquals(null, jobs.payload(id).orElseThrow().maskedOutputs, "a job proved alone keeps its masked output on its row only");
        assertTrue(j.provingMillis >= 0);

        // anyone holding the public statement verifies the proof; the requester unmasks y = M(x)
        ModelEntity m = models.find(modelId).orElseThrow();
        var committed = models.loaded(m).committed();
        long[] z = MaskedOutput.decode(j.maskedOutput).z();
        assertThrowsNothing(() -> InferenceVerifier.verify(committed.description(), committed.commitment(),
                List.of(new RequestStatement(TensorCommitment.decode(j.inputCommitment), TensorCommitment.decode(j.maskCommitment), z)),
                proof));
        long[] y = RequesterCommitments.unmask(z, req.r());
        var model = ZkmFile.read(Path.of(m.zkmPath)).model();
        assertArrayEquals(IntInterpreter.run(model, req.x()).output(), y);

        // the admin API shows the job's progress (no payload)
        String body = given().auth().oauth2(Tokens.forRole("auditor")).when().get("/api/jobs/" + id)
                .then().statusCode(200).extract().asString();
        assertTrue(body.contains("\"PROVED\""), body);
        assertFalse(body.contains("encryptedPayload"), body);
    }

    private static JobEntity copyOf(JobEntity j) {
        JobEntity c = new JobEntity();
        c.requestId = j.requestId;
        c.modelId = j.modelId;
        c.chainModelId = j.chainModelId;
        c.requester = j.requester;
        c.fee = j.fee;
        c.requestHeight = j.requestHeight;
        c.deadlineHeight = j.deadlineHeight;
        c.inputCommitment = j.inputCommitment;
        c.maskCommitment = j.maskCommitment;
        c.encryptedPayload = j.encryptedPayload;
        return c;
    }

    /** The request feed's group insert: one job per request id, whether it came twice in the group or has a job already. */
    @Test
    void aGroupInsertMakesOneJobPerNewRequestId() {
        JobEntity a = request(2, false).job();
        JobEntity b = request(3, false).job();
        List<JobEntity> first = jobs.insertAllAbsent(List.of(a, copyOf(a), b));
        assertEquals(List.of(a.requestId, b.requestId), first.stream().map(j -> j.requestId).toList());
        JobEntity c = request(4, false).job();
        List<JobEntity> second = jobs.insertAllAbsent(List.of(copyOf(b), c, copyOf(a)));
        assertEquals(List.of(c.requestId), second.stream().map(j -> j.requestId).toList(), "known ids are left alone");
        assertEquals(JobState.RECEIVED, jobs.find(second.getFirst().id).orElseThrow().state);
        assertEquals(jobs.byRequestId(a.requestId).orElseThrow().id, first.getFirst().id);
        assertTrue(jobs.insertAllAbsent(List.of()).isEmpty());
    }

    @Test
    void mismatchedCommitmentIsRejectedWithItsReasonCode() {
        Requests.Request req = request(1, true);
        UUID id = jobs.insertIfAbsent(req.job());
        JobEntity j = drive(id, "worker-a", null);
        assertEquals(JobState.REJECTED, j.state);
        assertEquals(3, j.rejectReason);
        assertEquals("COMMITMENT_MISMATCH", j.rejectReasonName);
        assertEquals(JobError.CHAIN_NOT_CONFIGURED.name(), j.lastErrorCode, "the rejection waits for a ledger to carry it");
        assertTrue(jobs.payload(id).isEmpty(), "no proof, nothing signed yet");
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("zkgw_jobs_rejected_total{reason=\"COMMITMENT_MISMATCH\"}"), "rejections by reason");
        assertTrue(metrics.contains("zkgw_jobs_queue_depth"), "queue depth gauge");
        assertTrue(metrics.contains("zkgw_proving_seconds"), "proving time");
        assertTrue(metrics.contains("zkgw_fees_earned"), "fees earned");
    }

    /**
     * A model whose committed epochs are full: while its next epoch is on its way the job waits (MODEL_EPOCH_PENDING,
     * no attempt used); once the ledger has refused that epoch the job fails at once with MODEL_EPOCH_REFUSED instead
     * of waiting for its deadline, and takes no slot.
     */
    @Test
    void aJobFailsAtOnceWhenTheModelsNextEpochWasRefused() {
        UUID ds = Fixtures.registerDataset(Fixtures.unique("bc"));
        UUID model = Fixtures.registerModel(Fixtures.unique("bc-mlp"), ds);
        assertTrue(epochs.reserve(model).isPresent(), "epoch 0 has room");
        UUID next = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            ModelEpochEntity e0 = epochs.epoch(model, 0).orElseThrow();
            e0.proofsReserved = e0.proofBudget;
            ModelEpochEntity e1 = new ModelEpochEntity();
            e1.id = next;
            e1.modelId = model;
            e1.epoch = 1;
            e1.modelCommitment = e0.modelCommitment;
            e1.proofBudget = e0.proofBudget;
            e1.status = CommitmentStatus.REGISTERED;
            e1.createdAt = java.time.OffsetDateTime.now();
            e1.updatedAt = e1.createdAt;
            session.persist(e1);
        });
        UUID id = jobs.insertIfAbsent(Requests.build(models, model, 4, 9, false).job());
        JobEntity waiting = drive(id, "worker-a", null);
        assertEquals(JobError.MODEL_EPOCH_PENDING.name(), waiting.lastErrorCode);
        assertEquals(0, waiting.attempts, "waiting for an epoch uses no attempt");

        QuarkusTransaction.requiringNew().run(() -> {
            session.find(ModelEpochEntity.class, next).failed("EPOCH_MISMATCH", CommitmentStatus.REFUSED);
            session.find(JobEntity.class, id).nextAttemptAt = java.time.OffsetDateTime.now().minusSeconds(1);
        });
        JobEntity failed = drive(id, "worker-a", null);
        assertEquals(JobState.FAILED, failed.state);
        assertEquals(JobError.MODEL_EPOCH_REFUSED.name(), failed.lastErrorCode);
        assertEquals(null, failed.modelEpoch, "no slot taken");
        assertEquals(epochs.epoch(model, 0).orElseThrow().proofBudget, epochs.epoch(model, 0).orElseThrow().proofsReserved);
    }

    @Test
    void undecryptablePayloadIsRejected() {
        Requests.Request req = request(2, false);
        // a ciphertext lifted from another request does not open under this request's public data
        req.job().encryptedPayload = request(2, false).job().encryptedPayload;
        UUID id = jobs.insertIfAbsent(req.job());
        JobEntity j = drive(id, "worker-a", null);
        assertEquals(JobState.REJECTED, j.state);
        assertEquals(2, j.rejectReason);
        assertEquals("BAD_CIPHERTEXT", j.rejectReasonName);
    }

    @Test
    void admissionRuleRejectsWithItsCode() {
        // price 7, fee 3: policies/20-minimum-fee.yaml (reason 33) refuses
        Requests.Request req = Requests.build(models, modelId, 5, 3, false);
        UUID id = jobs.insertIfAbsent(req.job());
        JobEntity j = drive(id, "worker-a", null);
        assertEquals(JobState.REJECTED, j.state);
        assertEquals(33, j.rejectReason);
        assertEquals("policy:minimum-fee", j.rejectReasonName);
    }

    /**
     * Worker A claims the job and dies at the given point (before a step runs, or after its work but
     * before its result is recorded). While A's lease lasts nobody else touches the job; then worker B
     * resumes it and runs each remaining step exactly once. Plaintext cached by A is dropped, as a real
     * crash would lose it, so B re-derives it from the stored ciphertext.
     */
    @ParameterizedTest(name = "crash {0} {1}")
    @CsvSource({"before,RECEIVED", "after,ADMITTED", "after,INFERRED", "before,PROVED"})
    void crashAtAnyStepResumesExactlyOnce(String when, JobState at) throws Exception {
        Requests.Request req = request(3, false);
        UUID id = jobs.insertIfAbsent(req.job());
        // A runs until it reaches the crash point of this job
        JobWorker.CrashPoint crash = new JobWorker.CrashPoint() {
            @Override
            public void before(JobView job) {
                if (job.id().equals(id) && when.equals("before") && job.state() == at) {
                    throw new JobWorker.SimulatedCrash("before " + at);
                }
            }

            @Override
            public void after(JobView job) {
                if (job.id().equals(id) && when.equals("after") && job.state() == at) {
                    throw new JobWorker.SimulatedCrash("after " + at);
                }
            }
        };
        assertThrows(JobWorker.SimulatedCrash.class, () -> {
            for (int i = 0; i < 10; i++) {
                worker.runOnce("worker-a", crash);
            }
        });
        inputs.forgetAll();
        JobEntity crashed = jobs.find(id).orElseThrow();
        assertEquals(at, crashed.state, "A died with the job in " + at);
        assertEquals("worker-a", crashed.leaseOwner);

        // B sees nothing to do while A's lease lasts: no double work
        List<JobState> ranByB = new ArrayList<>();
        JobWorker.CrashPoint record = new JobWorker.CrashPoint() {
            @Override
            public void before(JobView job) {
                if (job.id().equals(id)) {
                    ranByB.add(job.state());
                }
            }
        };
        assertFalse(worker.runOnce("worker-b", record).contains(id), "B must not claim a job A still holds");

        // after the lease (3 s in tests) B takes over and finishes
        Thread.sleep(3500);
        JobEntity done = drive(id, "worker-b", record);
        assertEquals(JobState.PROVED, done.state);
        List<JobState> expected = new ArrayList<>();
        for (JobState s : List.of(JobState.RECEIVED, JobState.DECRYPTED, JobState.ADMITTED, JobState.INFERRED, JobState.PROVED)) {
            if (s.ordinal() >= at.ordinal()) {
                expected.add(s);
            }
        }
        assertEquals(expected, ranByB, "B runs each remaining step once");
        assertTrue(done.claims >= 2, "claimed by A, then by B");
    }

    private static void assertThrowsNothing(ThrowingRunnable r) {
        try {
            r.run();
        } catch (Exception e) {
            throw new AssertionError("expected no exception, got " + e, e);
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
