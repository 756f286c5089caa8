package io.zkgw.gateway.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.zkgw.chainapp.proto.FulfillPredictions;
import io.zkgw.chainapp.proto.ModelEpoch;
import io.zkgw.chainapp.proto.PredictionRequest;
import io.zkgw.chainapp.proto.RequestStatus;
import io.zkgw.chainapp.proto.Tx;
import io.zkgw.chainapp.proto.TxBody;
import io.zkgw.chainclient.query.LedgerPaths;
import io.zkgw.chainclient.query.LedgerQueries;
import io.zkgw.chainclient.rpc.CometRpcClient;
import io.zkgw.envelope.PreparedRequest;
import io.zkgw.envelope.RequestEnvelope;
import io.zkgw.gateway.dataset.CommitmentStatus;
import io.zkgw.gateway.job.JobEntity;
import io.zkgw.gateway.job.JobRepository;
import io.zkgw.gateway.job.JobState;
import io.zkgw.gateway.job.JobView;
import io.zkgw.gateway.job.JobWorker;
import io.zkgw.gateway.model.ModelEntity;
import io.zkgw.gateway.model.ModelService;
import io.zkgw.gateway.testing.Clinician;
import io.zkgw.gateway.testing.Fixtures;
import io.zkgw.gateway.testing.KeycloakTestResource;
import io.zkgw.gateway.testing.LedgerTestResource;
import io.zkgw.gateway.testing.Requests;
import io.zkgw.inference.card.ZkmFile;
import io.zkgw.inference.data.CsvDataset;
import io.zkgw.ir.IntInterpreter;
import io.zkgw.prover.inference.CircuitDescription;
import io.zkgw.prover.inference.InferenceVerifier;
import io.zkgw.prover.inference.MaskedOutput;
import io.zkgw.prover.inference.ModelCommitment;
import io.zkgw.prover.inference.RequestStatement;
import io.zkgw.prover.inference.RequesterCommitments;
import io.zkgw.prover.pcs.tensor.TensorCommitment;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Batch proofs through a real CometBFT node (zkgw.prover.batch-size = 4): four requests of two clinicians
 * become one batch, the worker crashes after proving it and before recording the proof, another worker
 * takes the batch over once the lease runs out, proves the same members again and answers all four with
 * one FulfillPredictions. Each request is paid, the provider pays one tx fee and one unit of the proof
 * budget, each clinician unmasks the model's output, and the proof in the tx verifies against the four
 * statements as the ledger holds them.
 */
@QuarkusTest
@TestProfile(BatchEndToEndTest.Batched.class)
@WithTestResource(KeycloakTestResource.class)
@WithTestResource(LedgerTestResource.class)
class BatchEndToEndTest {
    static final int B = 4;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long FEE = 10;

    public static class Batched implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a long wait: the batch forms only once all four are INFERRED, so its membership is known
            return Map.of("zkgw.prover.batch-size", Integer.toString(B), "zkgw.prover.batch-wait", "2m");
        }
    }

    @Inject
    ModelService models;

    @Inject
    JobRepository jobs;

    @Inject
    JobWorker worker;

    @Test
    void fourRequestsAreAnsweredByOneBatchProofAcrossAWorkerCrash() throws Exception {
        byte[] providerHpkeKey = Requests.providerKey();
        UUID datasetId = Fixtures.registerDataset(Fixtures.unique("bc"));
        UUID modelId = Fixtures.registerModel(Fixtures.unique("bc-mlp"), datasetId);
        await(Duration.ofSeconds(120), () -> models.find(modelId).orElseThrow().status == CommitmentStatus.COMMITTED);
        ModelEntity m = models.find(modelId).orElseThrow();
        var zkm = ZkmFile.read(Path.of(m.zkmPath));
        CircuitDescription d = CircuitDescription.of(zkm.model());
        double[][] rows = CsvDataset.read(Fixtures.file("breast_cancer_test.csv")).features();
        byte[] provider = LedgerTestResource.provider.address();

        try (Clinician a = new Clinician(LedgerTestResource.rpcUrl, LedgerTestResource.CHAIN_ID, LedgerTestResource.clinicianSeed);
             Clinician b = new Clinician(LedgerTestResource.rpcUrl, LedgerTestResource.CHAIN_ID, LedgerTestResource.clinician2Seed);
             CometRpcClient rpc = new CometRpcClient(URI.create(LedgerTestResource.rpcUrl))) {
            long providerBefore = a.balance(provider);
            List<String> ids = new ArrayList<>();
            List<long[]> xs = new ArrayList<>();
            List<PreparedRequest> sent = new ArrayList<>();
            for (int i = 0; i < B; i++) {
                Clinician c = i % 2 == 0 ? a : b;
                long[] x = zkm.card().spec().quantiseInput(rows[20 + i]);
                PreparedRequest p = RequestEnvelope.prepare(d, x, LedgerTestResource.CHAIN_ID, c.address(), m.chainModelId, FEE,
                        c.height() + 300, providerHpkeKey, RANDOM);
                ids.add(Clinician.requestId(c.send(p.request(), p.encryptedPayload())));
                xs.add(x);
                sent.add(p);
            }

            // worker 1 dies right after it proved the batch, before PROVED is written: the lease it holds
            // keeps the batch from others until it runs out (3 s in tests)
            AtomicBoolean crashed = new AtomicBoolean();
            JobWorker.CrashPoint afterProving = new JobWorker.CrashPoint() {
                @Override
                public void after(JobView job) {
                    if (job.state() == JobState.INFERRED && !crashed.get()
                            && jobs.find(job.id()).map(j -> j.id.equals(j.batchId)).orElse(false)) {
                        crashed.set(true);
                        throw new JobWorker.SimulatedCrash("after proving a batch");
                    }
                }
            };
            long end = System.nanoTime() + Duration.ofSeconds(240).toNanos();
            while (!allTerminal(ids)) {
                assertTrue(System.nanoTime() < end, "jobs did not finish: " + states(ids));
                try {
                    worker.runOnce(crashed.get() ? "batch-worker-2" : "batch-worker-1", crashed.get() ? null : afterProving);
                } catch (JobWorker.SimulatedCrash c) {
                    // worker 1 is gone; worker 2 goes on
                }
                Thread.sleep(200);
            }
            assertTrue(crashed.get(), "the crash point was reached");

            List<JobEntity> done = new ArrayList<>();
            for (String id : ids) {
                done.add(jobs.byRequestId(id).orElseThrow());
            }
            UUID leader = done.get(0).batchId;
            Set<Integer> places = new HashSet<>();
            for (JobEntity j : done) {
                assertEquals(JobState.CONFIRMED, j.state, j.requestId + " " + j.lastErrorCode);
                assertEquals(leader, j.batchId, "one batch");
                assertEquals(done.get(0).txHash, j.txHash, "one transaction");
                places.add(j.batchIndex);
            }
            assertEquals(Set.of(0, 1, 2, 3), places);

            // the tx: one FulfillPredictions answering the four, in batch order, with one proof
            var tx = rpc.tx(com.google.protobuf.ByteString.copyFrom(HexFormat.of().parseHex(done.get(0).txHash)), false);
            TxBody body = TxBody.parseFrom(Tx.parseFrom(tx.tx()).getBody());
            assertTrue(body.hasFulfillPredictions(), "a FulfillPredictions");
            FulfillPredictions f = body.getFulfillPredictions();
            assertEquals(B, f.getAnswersCount());

            LedgerQueries q = new LedgerQueries(rpc);
            List<RequestStatement> statements = new ArrayList<>();
            for (FulfillPredictions.Answer ans : f.getAnswersList()) {
                PredictionRequest r = PredictionRequest.parseFrom(q.read(LedgerPaths.REQUEST, ans.getRequestId().toByteArray(), false).value());
                assertEquals(RequestStatus.REQUEST_STATUS_FULFILLED, r.getStatus());
                assertEquals(ans.getMaskedOutput(), r.getMaskedOutput());
                statements.add(new RequestStatement(TensorCommitment.decode(r.getInputCommitment().toByteArray()),
                        TensorCommitment.decode(r.getMaskCommitment().toByteArray()),
                        MaskedOutput.decode(ans.getMaskedOutput().toByteArray()).z()));
            }
            InferenceVerifier.verify(d, ModelCommitment.decode(m.modelCommitment), statements, f.getProof().toByteArray());

            for (int i = 0; i < B; i++) {
                Clinician c = i % 2 == 0 ? a : b;
                PredictionRequest r = c.request(ids.get(i));
                long[] y = RequesterCommitments.unmask(MaskedOutput.decode(r.getMaskedOutput().toByteArray()).z(),
                        sent.get(i).commitments().opening().r());
                assertArrayEquals(IntInterpreter.run(zkm.model(), xs.get(i)).output(), y, "request " + i + " unmasks to M(x)");
            }
            assertEquals(providerBefore + B * FEE - 1, a.balance(provider), "four fees earned, one tx fee paid");
            byte[] epochKey = LedgerPaths.modelEpochData(m.chainModelId, 0);
            ModelEpoch e0 = ModelEpoch.parseFrom(q.read(LedgerPaths.MODEL_EPOCH, epochKey, false).value());
            assertEquals(1, e0.getProofsUsed(), "one proof of the budget for four answers");
        }
    }

    private boolean allTerminal(List<String> ids) {
        for (String id : ids) {
            var j = jobs.byRequestId(id);
            if (j.isEmpty() || !j.get().state.terminal()) {
                return false;
            }
        }
        return true;
    }

    private String states(List<String> ids) {
        List<String> s = new ArrayList<>();
        for (String id : ids) {
            s.add(jobs.byRequestId(id).map(j -> j.state + "/" + j.lastErrorCode).orElse("no job"));
        }
        return s.toString();
    }

    private static void await(Duration timeout, java.util.function.BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for the model's CommitModel");
            }
            Thread.sleep(200);
        }
    }
}
