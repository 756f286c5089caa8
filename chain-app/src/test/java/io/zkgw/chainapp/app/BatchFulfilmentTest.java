package io.zkgw.chainapp.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.zkgw.chainapp.crypto.Hashes;
import io.zkgw.chainapp.proto.FulfillPredictions;
import io.zkgw.chainapp.proto.RequestStatus;
import io.zkgw.chainapp.proto.TxBody;
import io.zkgw.ir.IntInterpreter;
import io.zkgw.ir.Witness;
import io.zkgw.prover.inference.InferenceProof;
import io.zkgw.prover.inference.InferenceProver;
import io.zkgw.prover.inference.MaskedOutput;
import io.zkgw.prover.inference.RequesterCommitments;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tendermint.abci.Types.Event;
import tendermint.abci.Types.ExecTxResult;

/**
 * FulfillPredictions (docs/chain.md, "FulfillPredictions"): one real bc_mlp batch proof answers several
 * requests, pays each fee, spends one proof of the epoch's budget; any change to the answers (order,
 * outputs, membership) is refused with nothing moved; requests no longer pending are skipped.
 */
class BatchFulfilmentTest {
    static final String CHAIN = "zkgw-test";
    static final ProvedModel BC = ProvedModel.BC_MLP;
    static final long FEE = 10;

    @TempDir
    Path dir;

    Wallet alice = new Wallet("alice", CHAIN);
    Wallet bob = new Wallet("bob", CHAIN);
    Wallet hospital = new Wallet("hospital", CHAIN);
    Wallet other = new Wallet("other hospital", CHAIN);
    InProcessChain chain;
    byte[] modelId;
    byte[] otherModelId;

    @BeforeEach
    void start() throws Exception {
        chain = new InProcessChain(dir, CHAIN, Genesis.appStateJson(1, 50, Map.of(alice.hexAddress(), 1_000_000L,
                bob.hexAddress(), 1_000_000L, hospital.hexAddress(), 1_000_000L, other.hexAddress(), 1_000_000L)));
        for (Wallet w : List.of(alice, bob, hospital, other)) {
            w.fee = 1;
        }
        byte[] reg = hospital.sign(Wallet.registerProvider("St. Example Hospital", new byte[32]));
        long dsSeq = hospital.sequence;
        byte[] ds = hospital.sign(Wallet.commitDataset(Hashes.sha256(new byte[] {9}), 569, Hashes.sha256(new byte[] {8})));
        long mSeq = hospital.sequence;
        byte[] m = hospital.sign(Wallet.commitModel(Transactions.datasetId(hospital.address, dsSeq), FEE));
        long m2Seq = hospital.sequence;
        byte[] m2 = hospital.sign(Wallet.commitModel(Transactions.datasetId(hospital.address, dsSeq), FEE));
        byte[] reg2 = other.sign(Wallet.registerProvider("Other Hospital", new byte[32]));
        long odsSeq = other.sequence;
        byte[] ods = other.sign(Wallet.commitDataset(Hashes.sha256(new byte[] {7}), 569, Hashes.sha256(new byte[] {8})));
        long omSeq = other.sequence;
        byte[] om = other.sign(Wallet.commitModel(Transactions.datasetId(other.address, odsSeq), FEE));
        for (ExecTxResult r : chain.block(reg, ds, m, m2, reg2, ods, om).getTxResultsList()) {
            assertEquals(Code.OK.value(), r.getCode(), r.getLog());
        }
        modelId = Transactions.modelId(hospital.address, mSeq);
        otherModelId = Transactions.modelId(hospital.address, m2Seq);
        otherProviderModel = Transactions.modelId(other.address, omSeq);
    }

    byte[] otherProviderModel;

    @AfterEach
    void stop() {
        chain.close();
    }

    record Open(byte[] id, ProvedModel.Request request) {}

    Open request(Wallet who, byte[] model, int row, long deadline) {
        ProvedModel.Request r = BC.request(row, "batch row " + row + " " + who.hexAddress());
        byte[] id = Transactions.requestId(who.address, who.sequence);
        ExecTxResult res = chain.block(who.sign(Wallet.requestPrediction(model, FEE, deadline, r))).getTxResults(0);
        assertEquals(Code.OK.value(), res.getCode(), res.getLog());
        return new Open(id, r);
    }

    Open request(Wallet who, int row) {
        return request(who, modelId, row, chain.height() + 40);
    }

    /** A real batch proof for the requests, in order; answers pair each id with its z. */
    static FulfillPredictions.Builder batch(List<Open> opens) {
        List<Witness> ws = new ArrayList<>();
        List<RequesterCommitments> rcs = new ArrayList<>();
        for (Open o : opens) {
            ws.add(IntInterpreter.run(BC.committed.model(), o.request().commitments().opening().x()));
            rcs.add(o.request().commitments());
        }
        InferenceProof p = InferenceProver.prove(BC.committed, ws, rcs, 11L);
        FulfillPredictions.Builder f = FulfillPredictions.newBuilder().setProof(ByteString.copyFrom(p.bytes())).setModelEpoch(0);
        for (int i = 0; i < opens.size(); i++) {
            f.addAnswers(FulfillPredictions.Answer.newBuilder().setRequestId(ByteString.copyFrom(opens.get(i).id()))
                    .setMaskedOutput(ByteString.copyFrom(new MaskedOutput(p.maskedOutputs().get(i)).encode())));
        }
        return f;
    }

    ExecTxResult run(FulfillPredictions.Builder f) {
        return chain.block(hospital.sign(TxBody.newBuilder().setFulfillPredictions(f))).getTxResults(0);
    }

    static List<Event> events(ExecTxResult r, String type) {
        return r.getEventsList().stream().filter(e -> e.getType().equals(type)).toList();
    }

    static String attr(Event e, String key) {
        return e.getAttributesList().stream().filter(a -> a.getKey().equals(key)).findFirst().orElseThrow().getValue();
    }

    @Test
    void oneProofAnswersEveryRequestPaysEachFeeAndSpendsOneProofOfTheBudget() {
        List<Open> opens = List.of(request(alice, 0), request(bob, 1), request(alice, 2));
        FulfillPredictions.Builder f = batch(opens);
        long hospitalBefore = chain.state().account(hospital.address).getBalance();
        long escrowBefore = chain.state().escrow();
        ExecTxResult res = run(f);
        assertEquals(Code.OK.value(), res.getCode(), res.getLog());
        for (int i = 0; i < opens.size(); i++) {
            var req = chain.state().request(opens.get(i).id());
            assertEquals(RequestStatus.REQUEST_STATUS_FULFILLED, req.getStatus());
            assertEquals(f.getAnswers(i).getMaskedOutput(), req.getMaskedOutput());
            assertEquals(0, req.getModelEpoch());
            assertArrayEquals(BC.weightsCommitment(), req.getWeightsCommitment().toByteArray());
            assertEquals(chain.height(), req.getClosedHeight());
        }
        assertEquals(1, chain.state().modelEpoch(modelId, 0).getProofsUsed(), "one proof, however many answers");
        assertEquals(escrowBefore - 3 * FEE, chain.state().escrow());
        // the fee of the tx itself is 1
        assertEquals(hospitalBefore + 3 * FEE - 1, chain.state().account(hospital.address).getBalance());
        List<Event> fulfilled = events(res, "prediction_fulfilled");
        assertEquals(3, fulfilled.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(Hashes.hex(opens.get(i).id()), attr(fulfilled.get(i), "request_id"));
            assertEquals("3", attr(fulfilled.get(i), "batch_size"));
        }
        assertEquals("fulfill_predictions", attr(events(res, "message").get(0), "action"));

        // the same answers again: nothing is pending any more
        ExecTxResult again = run(batch(opens));
        assertEquals(Code.REQUEST_NOT_PENDING.value(), again.getCode(), again.getLog());
        assertEquals(1, chain.state().modelEpoch(modelId, 0).getProofsUsed());
    }

    @Test
    void anyChangeToTheAnswersIsRefusedAndMovesNothing() {
        List<Open> opens = List.of(request(alice, 3), request(bob, 4), request(alice, 5));
        FulfillPredictions.Builder good = batch(opens);
        long escrow = chain.state().escrow();

        // swapped masked outputs: each request's z is bound to its own C_x and C_r
        assertRefused(Code.PROOF_INVALID, good, f -> {
            ByteString z0 = f.getAnswers(0).getMaskedOutput();
            f.setAnswers(0, f.getAnswers(0).toBuilder().setMaskedOutput(f.getAnswers(1).getMaskedOutput()));
            f.setAnswers(1, f.getAnswers(1).toBuilder().setMaskedOutput(z0));
            return f;
        });
        // the answers reordered together (ids with their outputs): the proof's statement order is fixed
        assertRefused(Code.PROOF_INVALID, good, f -> {
            List<FulfillPredictions.Answer> as = new ArrayList<>(f.getAnswersList());
            Collections.swap(as, 0, 2);
            return f.clearAnswers().addAllAnswers(as);
        });
        // one answer dropped, or one added: the statement is a different batch
        assertRefused(Code.PROOF_INVALID, good, f -> f.removeAnswers(2));
        Open fourth = request(bob, 6);
        assertRefused(Code.PROOF_INVALID, good, f -> f.addAnswers(FulfillPredictions.Answer.newBuilder()
                .setRequestId(ByteString.copyFrom(fourth.id())).setMaskedOutput(f.getAnswers(0).getMaskedOutput())));
        // another request's id in place of one answered (same row, other commitments)
        assertRefused(Code.PROOF_INVALID, good, f -> f.setAnswers(1, f.getAnswers(1).toBuilder()
                .setRequestId(ByteString.copyFrom(fourth.id()))));
        // one output element changed
        assertRefused(Code.PROOF_INVALID, good, f -> {
            long[] z = decode(f.getAnswers(2).getMaskedOutput());
            z[0] = (z[0] + 1) % ((1L << 61) - 1);
            return f.setAnswers(2, f.getAnswers(2).toBuilder().setMaskedOutput(ByteString.copyFrom(new MaskedOutput(z).encode())));
        });
        // the whole batch claimed against an epoch that does not exist
        assertRefused(Code.NOT_FOUND, good, f -> f.setModelEpoch(1));
        // structural refusals, stateless (CheckTx) or by the ledger's records
        assertRefused(Code.INVALID_FIELD, good, f -> f.setAnswers(1, f.getAnswers(0)));
        assertRefused(Code.INVALID_FIELD, good, FulfillPredictions.Builder::clearAnswers);
        assertRefused(Code.INVALID_FIELD, good, f -> {
            for (int i = f.getAnswersCount(); i <= Limits.MAX_BATCH_ANSWERS; i++) {
                f.addAnswers(FulfillPredictions.Answer.newBuilder().setRequestId(ByteString.copyFrom(Hashes.sha256(new byte[] {(byte) i})))
                        .setMaskedOutput(f.getAnswers(0).getMaskedOutput()));
            }
            return f;
        });
        assertRefused(Code.INVALID_FIELD, good, FulfillPredictions.Builder::clearProof);
        assertRefused(Code.NOT_FOUND, good, f -> f.setAnswers(1, f.getAnswers(1).toBuilder()
                .setRequestId(ByteString.copyFrom(Hashes.sha256(new byte[] {42})))));
        Open otherModel = request(bob, otherModelId, 7, chain.height() + 40);
        assertRefused(Code.INVALID_FIELD, good, f -> f.setAnswers(2, f.getAnswers(2).toBuilder()
                .setRequestId(ByteString.copyFrom(otherModel.id()))));
        Open otherProvider = request(bob, otherProviderModel, 8, chain.height() + 40);
        assertRefused(Code.UNAUTHORIZED, good, f -> f.setAnswers(0, f.getAnswers(0).toBuilder()
                .setRequestId(ByteString.copyFrom(otherProvider.id()))));

        assertEquals(escrow + 3 * FEE, chain.state().escrow(), "only the three extra requests were escrowed");
        assertEquals(0, chain.state().modelEpoch(modelId, 0).getProofsUsed());
        for (Open o : opens) {
            assertEquals(RequestStatus.REQUEST_STATUS_PENDING, chain.state().request(o.id()).getStatus());
        }
        // and the untouched batch still goes through
        assertEquals(Code.OK.value(), run(good).getCode());
    }

    @Test
    void randomMutationsOfTheBatchProofAreNeverAccepted() throws Exception {
        List<Open> opens = List.of(request(alice, 9), request(bob, 10));
        FulfillPredictions.Builder good = batch(opens);
        InferenceProofVerifier verifier = new InferenceProofVerifier();
        List<FulfilmentVerifier.Answer> answers = new ArrayList<>();
        for (int i = 0; i < opens.size(); i++) {
            answers.add(new FulfilmentVerifier.Answer(opens.get(i).id(), opens.get(i).request().inputCommitment(),
                    opens.get(i).request().maskCommitment(), good.getAnswers(i).getMaskedOutput().toByteArray()));
        }
        byte[] proof = good.getProof().toByteArray();
        verifier.verify(new FulfilmentVerifier.Claim(modelId, BC.weightsCommitment(), BC.circuitDescription(), answers, proof));
        long seed = Long.getLong("zkgw.fuzz.seed", System.nanoTime());
        SplittableRandom rnd = new SplittableRandom(seed);
        int accepted = 0;
        int trials = 300;
        for (int t = 0; t < trials; t++) {
            byte[] bad = proof.clone();
            int flips = 1 + rnd.nextInt(3);
            for (int k = 0; k < flips; k++) {
                bad[rnd.nextInt(bad.length)] ^= (byte) (1 + rnd.nextInt(255));
            }
            try {
                verifier.verify(new FulfilmentVerifier.Claim(modelId, BC.weightsCommitment(), BC.circuitDescription(), answers, bad));
                accepted++;
            } catch (FulfilmentVerifier.InvalidProof expected) {
                // refused, as it must be
            }
        }
        assertEquals(0, accepted, "mutated batch proofs accepted (seed " + seed + ")");
    }

    @Test
    void aRequestThatExpiredBeforeTheBatchIsSkippedAndTheOthersArePaid() {
        long deadline = chain.height() + 3;
        Open soon = request(alice, modelId, 11, deadline);
        long aliceBefore = chain.state().account(alice.address).getBalance();
        Open later = request(bob, 12);
        FulfillPredictions.Builder f = batch(List.of(soon, later));
        while (chain.height() < deadline) {
            chain.block(); // at the end of soon's deadline block it expires and alice is refunded
        }
        assertEquals(RequestStatus.REQUEST_STATUS_EXPIRED, chain.state().request(soon.id()).getStatus());
        assertEquals(aliceBefore + FEE, chain.state().account(alice.address).getBalance());
        long hospitalBefore = chain.state().account(hospital.address).getBalance();

        ExecTxResult res = run(f);
        assertEquals(Code.OK.value(), res.getCode(), res.getLog());
        assertEquals(RequestStatus.REQUEST_STATUS_EXPIRED, chain.state().request(soon.id()).getStatus());
        assertEquals(RequestStatus.REQUEST_STATUS_FULFILLED, chain.state().request(later.id()).getStatus());
        assertEquals(hospitalBefore + FEE - 1, chain.state().account(hospital.address).getBalance(), "paid for one request only");
        assertEquals(aliceBefore + FEE, chain.state().account(alice.address).getBalance(), "alice refunded once");
        List<Event> skipped = events(res, "prediction_skipped");
        assertEquals(1, skipped.size());
        assertEquals(Hashes.hex(soon.id()), attr(skipped.get(0), "request_id"));
        assertEquals("REQUEST_STATUS_EXPIRED", attr(skipped.get(0), "status"));
        assertEquals(1, events(res, "prediction_fulfilled").size());
        assertEquals(1, chain.state().modelEpoch(modelId, 0).getProofsUsed());
        assertEquals(0, chain.state().escrow(), "nothing left in escrow: one refund, one payment");
    }

    @Test
    void anUnknownFieldInsideAnAnswerIsRefused() {
        Open o = request(alice, 13);
        FulfillPredictions.Builder f = batch(List.of(o));
        f.setAnswers(0, f.getAnswers(0).toBuilder().setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder()
                .addField(9, com.google.protobuf.UnknownFieldSet.Field.newBuilder().addVarint(1).build()).build()));
        assertRefused(Code.TX_DECODE, f, x -> x);
        assertEquals(RequestStatus.REQUEST_STATUS_PENDING, chain.state().request(o.id()).getStatus());
    }

    private void assertRefused(Code code, FulfillPredictions.Builder good, UnaryOperator<FulfillPredictions.Builder> change) {
        FulfillPredictions.Builder bad = change.apply(good.clone());
        // a tx refused by the stateless checks never reaches the ante handler: its sequence stays unused
        byte[] tx = hospital.signAt(hospital.sequence, TxBody.newBuilder().setFulfillPredictions(bad));
        ExecTxResult res = chain.block(tx).getTxResults(0);
        assertEquals(code.value(), res.getCode(), res.getLog());
        hospital.sequence = chain.state().account(hospital.address).getSequence();
    }

    private static long[] decode(ByteString z) {
        try {
            return MaskedOutput.decode(z.toByteArray()).z();
        } catch (io.zkgw.prover.codec.DecodingException e) {
            throw new AssertionError(e);
        }
    }
}
