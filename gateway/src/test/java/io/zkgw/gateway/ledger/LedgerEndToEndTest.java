package io.zkgw.gateway.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.zkgw.chainapp.proto.Dataset;
import io.zkgw.chainapp.proto.Model;
import io.zkgw.chainapp.proto.PredictionRequest;
import io.zkgw.chainapp.proto.Provider;
import io.zkgw.chainapp.proto.RequestStatus;
import io.zkgw.chainclient.query.LedgerPaths;
import io.zkgw.chainclient.query.LedgerQueries;
import io.zkgw.chainclient.rpc.CometRpcClient;
import io.zkgw.envelope.PreparedRequest;
import io.zkgw.envelope.PublicRequest;
import io.zkgw.envelope.Reason;
import io.zkgw.envelope.RequestEnvelope;
import io.zkgw.envelope.RequestPayload;
import io.zkgw.gateway.dataset.CommitmentStatus;
import io.zkgw.gateway.dataset.DatasetService;
import io.zkgw.gateway.job.JobEntity;
import io.zkgw.gateway.job.JobRepository;
import io.zkgw.gateway.job.JobState;
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
import io.zkgw.prover.inference.MaskedOutput;
import io.zkgw.prover.inference.RequesterCommitments;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway against a real CometBFT node running the chain app (plus real PostgreSQL and Keycloak):
 * registrations through the admin API reach the ledger as RegisterProvider / CommitDataset /
 * CommitModel; a clinician's RequestPrediction is picked up by the request feed (read with a state
 * proof), decrypted, admitted, run on ONNX Runtime, proved, fulfilled and paid; malformed requests are
 * rejected on chain with their reason code and refunded; a request whose deadline passes is not worked
 * on and the ledger refunds it.
 */
@QuarkusTest
@WithTestResource(KeycloakTestResource.class)
@WithTestResource(LedgerTestResource.class)
class LedgerEndToEndTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long FEE = 10;

    @Inject
    ModelService models;

    @Inject
    DatasetService datasets;

    @Inject
    JobRepository jobs;

    @Inject
    JobWorker worker;

    private static UUID modelId;
    private static UUID datasetId;
    private static byte[] providerHpkeKey;

    @BeforeEach
    void registered() throws Exception {
        if (modelId != null) {
            return;
        }
        providerHpkeKey = Requests.providerKey();
        datasetId = Fixtures.registerDataset(Fixtures.unique("bc"));
        modelId = Fixtures.registerModel(Fixtures.unique("bc-mlp"), datasetId);
        await("the model's CommitModel to be included", Duration.ofSeconds(120),
                () -> models.find(modelId).orElseThrow().status == CommitmentStatus.COMMITTED);
    }

    @Test
    void registrationsAreOnTheLedgerAsCommitted() throws Exception {
        ModelEntity m = models.find(modelId).orElseThrow();
        var d = datasets.find(datasetId).orElseThrow();
        try (CometRpcClient rpc = new CometRpcClient(URI.create(LedgerTestResource.rpcUrl))) {
            LedgerQueries q = new LedgerQueries(rpc);
            Provider p = Provider.parseFrom(q.read(LedgerPaths.PROVIDER, LedgerTestResource.provider.address(), false).value());
            assertArrayEquals(providerHpkeKey, p.getHpkePublicKey().toByteArray(), "RegisterProvider carries the gateway's HPKE key");
            Dataset cd = Dataset.parseFrom(q.read(LedgerPaths.DATASET, d.chainDatasetId, false).value());
            assertArrayEquals(d.merkleRoot, cd.getMerkleRoot().toByteArray());
            assertEquals(d.recordCount, cd.getRecordCount());
            Model cm = Model.parseFrom(q.read(LedgerPaths.MODEL, m.chainModelId, false).value());
            assertArrayEquals(m.modelCommitment, cm.getWeightsCommitment().toByteArray());
            assertArrayEquals(d.chainDatasetId, cm.getDatasetId().toByteArray());
            assertEquals(m.price, cm.getPrice());
            assertEquals(m.circuitSize, cm.getCircuitDescription().size());
            var card = ZkmFile.read(Path.of(m.zkmPath)).card();
            assertArrayEquals(ZkmFile.cardJson(card), cm.getModelCard().toByteArray(), "the public model card goes on the ledger");
        }
        assertEquals(CommitmentStatus.COMMITTED, d.status);
    }

    @Test
    void aRequestIsFulfilledProvedAndPaid() throws Exception {
        try (Clinician c = clinician()) {
            ModelEntity m = models.find(modelId).orElseThrow();
            var zkm = ZkmFile.read(Path.of(m.zkmPath));
            long[] x = zkm.card().spec().quantiseInput(CsvDataset.read(Fixtures.file("breast_cancer_test.csv")).features()[3]);
            PreparedRequest p = RequestEnvelope.prepare(CircuitDescription.of(zkm.model()), x, LedgerTestResource.CHAIN_ID,
                    c.address(), m.chainModelId, FEE, c.height() + 300, providerHpkeKey, RANDOM);
            long providerBefore = c.balance(LedgerTestResource.provider.address());
            long clinicianBefore = c.balance(c.address());
            String id = Clinician.requestId(c.send(p.request(), p.encryptedPayload()));

            JobEntity job = runUntilDone(id);
            assertEquals(JobState.CONFIRMED, job.state, "job " + job.lastErrorCode);
            PredictionRequest onChain = c.request(id);
            assertEquals(RequestStatus.REQUEST_STATUS_FULFILLED, onChain.getStatus());
            long[] z = MaskedOutput.decode(onChain.getMaskedOutput().toByteArray()).z();
            long[] y = RequesterCommitments.unmask(z, p.commitments().opening().r());
            assertArrayEquals(IntInterpreter.run(zkm.model(), x).output(), y, "the clinician unmasks the model's output");
            assertEquals(clinicianBefore - FEE - 1, c.balance(c.address()), "fee escrowed and paid, plus one tx fee");
            // the provider earns the fee and paid one tx fee for FulfillPrediction
            assertEquals(providerBefore + FEE - 1, c.balance(LedgerTestResource.provider.address()));
        }
    }

    @Test
    void malformedRequestsAreRejectedOnChainWithTheirReasonAndRefunded() throws Exception {
        try (Clinician c = clinician()) {
            ModelEntity m = models.find(modelId).orElseThrow();
            var zkm = ZkmFile.read(Path.of(m.zkmPath));
            CircuitDescription d = CircuitDescription.of(zkm.model());
            long[] x = zkm.card().spec().quantiseInput(CsvDataset.read(Fixtures.file("breast_cancer_test.csv")).features()[5]);
            long deadline = c.height() + 300;

            // the payload's seed does not reproduce C_r
            RequesterCommitments committed = RequesterCommitments.commit(d, x, RequestPayload.newMaskSeed(RANDOM));
            PublicRequest pub = new PublicRequest(LedgerTestResource.CHAIN_ID, c.address(), m.chainModelId,
                    committed.input().encode(), committed.mask().encode(), FEE, deadline);
            byte[] env = RequestEnvelope.seal(providerHpkeKey, pub, new RequestPayload(x, RequestPayload.newMaskSeed(RANDOM)), RANDOM);
            long before = c.balance(c.address());
            String mismatch = Clinician.requestId(c.send(pub, env));

            // ciphertext that does not open
            PreparedRequest ok = RequestEnvelope.prepare(d, x, LedgerTestResource.CHAIN_ID, c.address(), m.chainModelId, FEE,
                    deadline, providerHpkeKey, RANDOM);
            byte[] garbled = ok.encryptedPayload().clone();
            garbled[garbled.length - 5] ^= 0x40;
            String badCiphertext = Clinician.requestId(c.send(ok.request(), garbled));

            assertEquals(JobState.CONFIRMED, runUntilDone(mismatch).state);
            assertEquals(JobState.CONFIRMED, runUntilDone(badCiphertext).state);
            PredictionRequest r1 = c.request(mismatch);
            PredictionRequest r2 = c.request(badCiphertext);
            assertEquals(RequestStatus.REQUEST_STATUS_REJECTED, r1.getStatus());
            assertEquals(Reason.COMMITMENT_MISMATCH.code(), r1.getRejectReason());
            assertEquals(RequestStatus.REQUEST_STATUS_REJECTED, r2.getStatus());
            assertEquals(Reason.BAD_CIPHERTEXT.code(), r2.getRejectReason());
            assertEquals(before - 2, c.balance(c.address()), "both fees refunded; two tx fees spent");
        }
    }

    @Test
    void aRequestPastItsDeadlineIsNotWorkedOnAndTheLedgerRefundsIt() throws Exception {
        try (Clinician c = clinician()) {
            ModelEntity m = models.find(modelId).orElseThrow();
            var zkm = ZkmFile.read(Path.of(m.zkmPath));
            long[] x = zkm.card().spec().quantiseInput(CsvDataset.read(Fixtures.file("breast_cancer_test.csv")).features()[7]);
            PreparedRequest p = RequestEnvelope.prepare(CircuitDescription.of(zkm.model()), x, LedgerTestResource.CHAIN_ID,
                    c.address(), m.chainModelId, FEE, c.height() + 4, providerHpkeKey, RANDOM);
            long before = c.balance(c.address());
            String id = Clinician.requestId(c.send(p.request(), p.encryptedPayload()));
            long deadline = p.request().deadlineHeight();
            // the worker is not run until the deadline has passed
            LedgerTestResource.node.awaitHeight(deadline + 1, Duration.ofSeconds(60));
            await("the ledger to expire the request", Duration.ofSeconds(30), () -> {
                try {
                    return c.request(id).getStatus() == RequestStatus.REQUEST_STATUS_EXPIRED;
                } catch (Exception e) {
                    return false;
                }
            });
            assertEquals(before - 1, c.balance(c.address()), "fee refunded on expiry; one tx fee spent");
            var job = jobs.byRequestId(id);
            if (job.isPresent()) {
                // the feed saw it while pending: the worker must give up on it, sending nothing
                JobEntity j = runUntilDone(id);
                assertEquals(JobState.FAILED, j.state);
                assertTrue(j.txHash == null, "no transaction was sent for an expired request");
            }
        }
    }

    private static Clinician clinician() {
        return new Clinician(LedgerTestResource.rpcUrl, LedgerTestResource.CHAIN_ID, LedgerTestResource.clinicianSeed);
    }

    /** Drives the worker (disabled in tests) until the request's job is CONFIRMED or FAILED. */
    private JobEntity runUntilDone(String requestId) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < end) {
            var j = jobs.byRequestId(requestId);
            if (j.isPresent() && j.get().state.terminal()) {
                return j.get();
            }
            worker.runOnce("e2e-worker", null);
            Thread.sleep(200);
        }
        throw new AssertionError("request " + requestId + " did not finish: "
                + jobs.byRequestId(requestId).map(j -> j.state + " " + j.lastErrorCode).orElse("no job"));
    }

    private static void await(String what, Duration timeout, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
