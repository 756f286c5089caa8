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
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway against a real CometBFT node running the chain app (plus real PostgreSQL and Keycloak):
 * registrations through the admin API reach the ledger as RegisterProvider / CommitDataset /
 * CommitModel; a clinician's RequestPrediction is picked up by the request feed (read with a state
 * proof), decrypted, admitted, run on ONNX Runtime, proved, fulfilled and paid; malformed requests (bad
 * ciphertext, commitment mismatch, wrong input width, values outside the input schema) are rejected on
 * chain with their reason code and refunded; a request whose deadline passes is not worked
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

            long before = c.balance(c.address());
            // the payload's seed does not reproduce C_r
            String mismatch = sendCommittedTo(c, d, m.chainModelId, x, RequestPayload.newMaskSeed(RANDOM),
                    new RequestPayload(x, RequestPayload.newMaskSeed(RANDOM)), deadline);

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

    /**
     * Issue #6's wrong input width and values outside the schema, through the real node: the envelope opens
     * and its commitments are of a well-formed x under the payload's own seed, but the plaintext x has one
     * value too few, one too many, or one above the model's quantised input range. (A client cannot commit
     * to such an x — RequesterCommitments refuses it — so this is a client that sends other values than it
     * committed to.) Had the gateway skipped the width and range checks it would reject with
     * COMMITMENT_MISMATCH instead; the codes are WRONG_INPUT_WIDTH (8) and INPUT_OUT_OF_RANGE (9). Each
     * fee comes back, and another clinician's request sent meanwhile is still answered and paid.
     */
    @Test
    void inputsOfTheWrongWidthOrOutsideTheSchemaAreRejectedOnChainAndRefunded() throws Exception {
        try (Clinician c = clinician();
             Clinician other = new Clinician(LedgerTestResource.rpcUrl, LedgerTestResource.CHAIN_ID, LedgerTestResource.clinician2Seed)) {
            ModelEntity m = models.find(modelId).orElseThrow();
            var zkm = ZkmFile.read(Path.of(m.zkmPath));
            CircuitDescription d = CircuitDescription.of(zkm.model());
            double[][] rows = CsvDataset.read(Fixtures.file("breast_cancer_test.csv")).features();
            long[] x = zkm.card().spec().quantiseInput(rows[9]);
            assertEquals(d.inputSize(), x.length);
            long deadline = c.height() + 300;
            long before = c.balance(c.address());
            long otherBefore = other.balance(other.address());
            long providerBefore = c.balance(LedgerTestResource.provider.address());

            byte[] seed1 = RequestPayload.newMaskSeed(RANDOM);
            String tooFew = sendCommittedTo(c, d, m.chainModelId, x, seed1,
                    new RequestPayload(Arrays.copyOf(x, x.length - 1), seed1), deadline);
            byte[] seed2 = RequestPayload.newMaskSeed(RANDOM);
            long[] longer = Arrays.copyOf(x, x.length + 1);
            longer[x.length] = x[0];
            String tooMany = sendCommittedTo(c, d, m.chainModelId, x, seed2, new RequestPayload(longer, seed2), deadline);
            byte[] seed3 = RequestPayload.newMaskSeed(RANDOM);
            long[] outside = x.clone();
            outside[4] = zkm.card().spec().inHi() + 1;
            assertEquals(d.inHi(), zkm.card().spec().inHi(), "the card's schema is the circuit's input range");
            String outOfRange = sendCommittedTo(c, d, m.chainModelId, x, seed3, new RequestPayload(outside, seed3), deadline);

            long[] xOther = zkm.card().spec().quantiseInput(rows[11]);
            PreparedRequest ok = RequestEnvelope.prepare(d, xOther, LedgerTestResource.CHAIN_ID, other.address(), m.chainModelId,
                    FEE, other.height() + 300, providerHpkeKey, RANDOM);
            String answered = Clinician.requestId(other.send(ok.request(), ok.encryptedPayload()));

            for (var expected : Map.of(tooFew, Reason.WRONG_INPUT_WIDTH, tooMany, Reason.WRONG_INPUT_WIDTH,
                    outOfRange, Reason.INPUT_OUT_OF_RANGE).entrySet()) {
                JobEntity job = runUntilDone(expected.getKey());
                assertEquals(JobState.CONFIRMED, job.state, "the RejectRequest was included: " + job.lastErrorCode);
                assertEquals(expected.getValue().code(), job.rejectReason);
                PredictionRequest r = c.request(expected.getKey());
                assertEquals(RequestStatus.REQUEST_STATUS_REJECTED, r.getStatus(), expected.getValue().name());
                assertEquals(expected.getValue().code(), r.getRejectReason(), expected.getValue().name());
                assertEquals(0, r.getMaskedOutput().size(), "no output for a rejected request");
            }
            assertEquals(JobState.CONFIRMED, runUntilDone(answered).state);
            PredictionRequest a = other.request(answered);
            assertEquals(RequestStatus.REQUEST_STATUS_FULFILLED, a.getStatus());
            long[] y = RequesterCommitments.unmask(MaskedOutput.decode(a.getMaskedOutput().toByteArray()).z(),
                    ok.commitments().opening().r());
            assertArrayEquals(IntInterpreter.run(zkm.model(), xOther).output(), y);

            assertEquals(before - 3, c.balance(c.address()), "three fees refunded; three tx fees spent");
            assertEquals(otherBefore - FEE - 1, other.balance(other.address()), "the answered request is paid");
            assertEquals(providerBefore + FEE - 4, c.balance(LedgerTestResource.provider.address()),
                    "the provider earns one fee and pays three RejectRequest and one FulfillPrediction tx fees");
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

    /** A RequestPrediction with C_x and C_r of {@code x} under {@code seed}, its envelope carrying {@code sent}. */
    private static String sendCommittedTo(Clinician c, CircuitDescription d, byte[] modelId, long[] x, byte[] seed,
                                          RequestPayload sent, long deadline) throws Exception {
        RequesterCommitments committed = RequesterCommitments.commit(d, x, seed);
        PublicRequest pub = new PublicRequest(LedgerTestResource.CHAIN_ID, c.address(), modelId,
                committed.input().encode(), committed.mask().encode(), FEE, deadline);
        return Clinician.requestId(c.send(pub, RequestEnvelope.seal(providerHpkeKey, pub, sent, RANDOM)));
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
