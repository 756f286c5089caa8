package io.zkgw.chainapp.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.zkgw.chainapp.crypto.Hashes;
import io.zkgw.chainapp.proto.FulfillPrediction;
import io.zkgw.chainapp.proto.Model;
import io.zkgw.chainapp.proto.ModelEpoch;
import io.zkgw.chainapp.proto.PredictionRequest;
import io.zkgw.chainapp.proto.RecommitModel;
import io.zkgw.chainapp.proto.RequestStatus;
import io.zkgw.chainapp.proto.TxBody;
import io.zkgw.ir.IntInterpreter;
import io.zkgw.prover.inference.CommittedModel;
import io.zkgw.prover.inference.InferenceProof;
import io.zkgw.prover.inference.InferenceProver;
import io.zkgw.prover.inference.MaskedOutput;
import io.zkgw.prover.inference.ModelCommitment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tendermint.abci.Types.ExecTxResult;
import tendermint.abci.Types.ResponseFinalizeBlock;

/**
 * The proof budget of model commitments (docs/chain.md, "Model epochs"): an epoch takes at most K
 * verified proofs; RecommitModel adds the next epoch under the same model id; a fulfilment names the epoch
 * its proof was made against; earlier epochs keep what is left of their budgets. With real bc_mlp
 * commitments (K = 2) and real proofs.
 */
class ProofBudgetTest {
    static final String CHAIN = "zkgw-test";
    static final int K = 2;
    static final ProvedModel BC = ProvedModel.BC_MLP;
    /** Two commitments of the same weights with budget K, under different blinding keys: epochs 0 and 1. */
    static final CommittedModel EPOCH0 = CommittedModel.commit(BC.committed.model(), key(0), K);
    static final CommittedModel EPOCH1 = CommittedModel.commit(BC.committed.model(), key(1), K);
    /** The epoch link 0 → 1: a zero-knowledge proof that epoch 1 commits to epoch 0's weights. */
    static final byte[] LINK01 = EPOCH0.linkTo(EPOCH1);

    @TempDir
    Path dir;

    Wallet alice = new Wallet("alice", CHAIN);
    Wallet hospital = new Wallet("hospital", CHAIN);
    Wallet other = new Wallet("other hospital", CHAIN);
    InProcessChain chain;
    byte[] modelId;

    static byte[] key(int epoch) {
        return Hashes.sha256(("budget test key " + epoch).getBytes(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void start() throws Exception {
        chain = new InProcessChain(dir, CHAIN, Genesis.appStateJson(1, 50, Map.of(
                alice.hexAddress(), 1_000_000L, hospital.hexAddress(), 1_000_000L, other.hexAddress(), 1_000_000L)));
        for (Wallet w : List.of(alice, hospital, other)) {
            w.fee = 1;
        }
        byte[] reg = hospital.sign(Wallet.registerProvider("St. Example Hospital", new byte[32]));
        long dsSeq = hospital.sequence;
        byte[] ds = hospital.sign(Wallet.commitDataset(Hashes.sha256(new byte[] {9}), 569, Hashes.sha256(new byte[] {8})));
        long mSeq = hospital.sequence;
        TxBody.Builder commit = Wallet.commitModel(Transactions.datasetId(hospital.address, dsSeq), 10);
        commit.getCommitModelBuilder().setWeightsCommitment(ByteString.copyFrom(EPOCH0.commitment().encode()));
        byte[] m = hospital.sign(commit);
        ResponseFinalizeBlock res = chain.block(reg, ds, m);
        for (ExecTxResult r : res.getTxResultsList()) {
            assertEquals(Code.OK.value(), r.getCode(), r.getLog());
        }
        modelId = Transactions.modelId(hospital.address, mSeq);
        chain.block(other.sign(Wallet.registerProvider("Other Hospital", new byte[32])));
    }

    @AfterEach
    void stop() {
        chain.close();
    }

    /** A pending request of alice for test row {@code row}; returns its id and request. */
    record Open(byte[] id, ProvedModel.Request request) {}

    Open request(int row) {
        ProvedModel.Request r = BC.request(row, "budget row " + row);
        byte[] id = Transactions.requestId(alice.address, alice.sequence);
        ExecTxResult res = chain.block(alice.sign(Wallet.requestPrediction(modelId, 10, chain.height() + 40, r))).getTxResults(0);
        assertEquals(Code.OK.value(), res.getCode(), res.getLog());
        return new Open(id, r);
    }

    static TxBody.Builder fulfil(Open o, CommittedModel against, int epoch) {
        long[] x = o.request().commitments().opening().x();
        InferenceProof p = InferenceProver.prove(against, IntInterpreter.run(against.model(), x), o.request().commitments(), 7L);
        return TxBody.newBuilder().setFulfillPrediction(FulfillPrediction.newBuilder()
                .setRequestId(ByteString.copyFrom(o.id()))
                .setMaskedOutput(ByteString.copyFrom(new MaskedOutput(p.maskedOutputs().get(0)).encode()))
                .setProof(ByteString.copyFrom(p.bytes()))
                .setModelEpoch(epoch));
    }

    static TxBody.Builder recommit(byte[] modelId, byte[] commitment, byte[] link) {
        return TxBody.newBuilder().setRecommitModel(RecommitModel.newBuilder()
                .setModelId(ByteString.copyFrom(modelId)).setWeightsCommitment(ByteString.copyFrom(commitment))
                .setEpochLink(ByteString.copyFrom(link)));
    }

    /** Epoch 1 with its link from epoch 0. */
    static TxBody.Builder recommit1(byte[] modelId) {
        return recommit(modelId, EPOCH1.commitment().encode(), LINK01);
    }

    ExecTxResult run(Wallet w, TxBody.Builder body) {
        return chain.block(w.sign(body)).getTxResults(0);
    }

    @Test
    void anEpochTakesKProofsThenTheNextEpochServesTheSameModel() {
        ModelEpoch e0 = chain.state().modelEpoch(modelId, 0);
        assertEquals(K, e0.getProofBudget());
        assertEquals(0, e0.getProofsUsed());
        assertEquals(0, chain.state().model(modelId).getEpoch());

        Open a = request(0);
        Open b = request(1);
        Open c = request(2);
        assertEquals(Code.OK.value(), run(hospital, fulfil(a, EPOCH0, 0)).getCode());
        assertEquals(Code.OK.value(), run(hospital, fulfil(b, EPOCH0, 0)).getCode());
        assertEquals(K, chain.state().modelEpoch(modelId, 0).getProofsUsed());

        // a valid proof against a spent epoch is refused before it is verified; the request stays paid in escrow
        long escrow = chain.state().escrow();
        ExecTxResult spent = run(hospital, fulfil(c, EPOCH0, 0));
        assertEquals(Code.MODEL_BUDGET_SPENT.value(), spent.getCode(), spent.getLog());
        assertEquals(RequestStatus.REQUEST_STATUS_PENDING, chain.state().request(c.id()).getStatus());
        assertEquals(escrow, chain.state().escrow());
        assertEquals(K, chain.state().modelEpoch(modelId, 0).getProofsUsed());

        // the provider commits again: epoch 1, same model id, pending requests untouched
        ResponseFinalizeBlock rc = chain.block(hospital.sign(recommit1(modelId)));
        ExecTxResult r = rc.getTxResults(0);
        assertEquals(Code.OK.value(), r.getCode(), r.getLog());
        assertEquals("1", LedgerRulesTest.attrs(LedgerRulesTest.event(r.getEventsList(), "model_recommitted")).get("epoch"));
        Model m = chain.state().model(modelId);
        assertEquals(1, m.getEpoch());
        assertArrayEquals(EPOCH1.commitment().encode(), m.getWeightsCommitment().toByteArray());

        // a proof against epoch 1's commitment named as epoch 0 is refused (spent); named as epoch 1 it pays
        assertEquals(Code.MODEL_BUDGET_SPENT.value(), run(hospital, fulfil(c, EPOCH1, 0)).getCode());
        ExecTxResult ok = run(hospital, fulfil(c, EPOCH1, 1));
        assertEquals(Code.OK.value(), ok.getCode(), ok.getLog());
        PredictionRequest stored = chain.state().request(c.id());
        assertEquals(RequestStatus.REQUEST_STATUS_FULFILLED, stored.getStatus());
        assertEquals(1, stored.getModelEpoch());
        assertArrayEquals(EPOCH1.commitment().encode(), stored.getWeightsCommitment().toByteArray(),
                "the request names the commitment its proof was verified against");
        assertEquals(0, chain.state().request(a.id()).getModelEpoch());
        assertArrayEquals(EPOCH0.commitment().encode(), chain.state().request(a.id()).getWeightsCommitment().toByteArray());
        assertEquals(1, chain.state().modelEpoch(modelId, 1).getProofsUsed());
    }

    @Test
    void aProofIsCheckedAgainstTheEpochItNames() {
        chain.block(hospital.sign(recommit1(modelId)));
        Open a = request(3);
        // made against epoch 0, named as epoch 1: does not verify against epoch 1's C_W
        ExecTxResult wrong = run(hospital, fulfil(a, EPOCH0, 1));
        assertEquals(Code.PROOF_INVALID.value(), wrong.getCode(), wrong.getLog());
        assertEquals(0, chain.state().modelEpoch(modelId, 1).getProofsUsed(), "a failed proof uses no budget");
        // an epoch that does not exist
        ExecTxResult none = run(hospital, fulfil(a, EPOCH0, 2));
        assertEquals(Code.NOT_FOUND.value(), none.getCode(), none.getLog());
        assertTrue(none.getLog().contains("no epoch 2"), none.getLog());
        // the earlier epoch still takes proofs after the recommit (proofs in flight still land)
        assertEquals(Code.OK.value(), run(hospital, fulfil(a, EPOCH0, 0)).getCode());
    }

    @Test
    void recommitRules() {
        byte[] fresh = EPOCH1.commitment().encode();
        // only the model's provider
        assertEquals(Code.UNAUTHORIZED.value(), run(other, recommit1(modelId)).getCode());
        // an unknown model
        assertEquals(Code.NOT_FOUND.value(), run(hospital, recommit1(Hashes.sha256(new byte[] {1}))).getCode());
        // the latest commitment again would reopen a spent budget
        ExecTxResult same = run(hospital, recommit(modelId, EPOCH0.commitment().encode(), LINK01));
        assertEquals(Code.ALREADY_EXISTS.value(), same.getCode(), same.getLog());
        // another circuit: a commitment whose hash(D) is not the model's
        ModelCommitment mc = EPOCH1.commitment();
        byte[] otherCircuit = new ModelCommitment(mc.weights(), io.zkgw.prover.hash.Digest.of(new byte[32]), K).encode();
        ExecTxResult circuit = run(hospital, recommit(modelId, otherCircuit, LINK01));
        assertEquals(Code.INVALID_FIELD.value(), circuit.getCode(), circuit.getLog());
        assertTrue(circuit.getLog().contains("circuit hash"), circuit.getLog());
        // bytes that are no model commitment are refused at CheckTx, before any fee
        byte[] garbage = hospital.signAt(hospital.sequence, recommit(modelId, new byte[] {2, 1}, LINK01));
        assertEquals(Code.INVALID_FIELD.value(), chain.check(garbage).getCode());
        assertTrue(chain.check(garbage).getLog().contains("recommit_model.weights_commitment"));
        // no epoch link: refused at CheckTx by name
        byte[] unlinked = hospital.signAt(hospital.sequence, recommit(modelId, fresh, new byte[0]));
        assertEquals(Code.INVALID_FIELD.value(), chain.check(unlinked).getCode());
        assertTrue(chain.check(unlinked).getLog().contains("recommit_model.epoch_link"), chain.check(unlinked).getLog());
        // other weights with the same D (every weight negated) under the genuine link: the link names epoch 1, not them
        CommittedModel swapped = CommittedModel.commit(negated(BC.committed.model()), key(1), K);
        assertEquals(EPOCH0.commitment().circuitHash(), swapped.commitment().circuitHash(), "same public D");
        ExecTxResult swap = run(hospital, recommit(modelId, swapped.commitment().encode(), LINK01));
        assertEquals(Code.PROOF_INVALID.value(), swap.getCode(), swap.getLog());
        assertTrue(swap.getLog().contains("recommit_model.epoch_link"), swap.getLog());
        // the same weights under another key, with the link made for epoch 1: refused too
        byte[] another = CommittedModel.commit(BC.committed.model(), key(7), K).commitment().encode();
        assertEquals(Code.PROOF_INVALID.value(), run(hospital, recommit(modelId, another, LINK01)).getCode());
        // a link with one byte changed, or truncated
        byte[] flipped = LINK01.clone();
        flipped[flipped.length / 2] ^= 1;
        assertEquals(Code.PROOF_INVALID.value(), run(hospital, recommit(modelId, fresh, flipped)).getCode());
        assertEquals(Code.PROOF_INVALID.value(),
                run(hospital, recommit(modelId, fresh, java.util.Arrays.copyOf(LINK01, LINK01.length - 7))).getCode());
        assertEquals(0, chain.state().model(modelId).getEpoch(), "nothing above changed the model");
        assertEquals(Code.OK.value(), run(hospital, recommit1(modelId)).getCode());
        assertEquals(1, chain.state().model(modelId).getEpoch());
        // epoch 2 must link from epoch 1 (the latest), not from epoch 0
        CommittedModel epoch2 = CommittedModel.commit(BC.committed.model(), key(2), K);
        assertEquals(Code.PROOF_INVALID.value(), run(hospital, recommit(modelId, epoch2.commitment().encode(), EPOCH0.linkTo(epoch2))).getCode());
        assertEquals(Code.OK.value(), run(hospital, recommit(modelId, epoch2.commitment().encode(), EPOCH1.linkTo(epoch2))).getCode());
        assertEquals(2, chain.state().model(modelId).getEpoch());
    }

    static io.zkgw.ir.IntModel negated(io.zkgw.ir.IntModel m) {
        java.util.List<io.zkgw.ir.IntOp> ops = new java.util.ArrayList<>();
        for (io.zkgw.ir.IntOp op : m.ops()) {
            ops.add(switch (op) {
                case io.zkgw.ir.IntOp.Dense d -> new io.zkgw.ir.IntOp.Dense(d.in(), d.out(), neg(d.w()), neg(d.b()));
                case io.zkgw.ir.IntOp.Conv c -> new io.zkgw.ir.IntOp.Conv(c.win(), c.outC(), neg(c.w()), neg(c.b()));
                default -> op;
            });
        }
        return new io.zkgw.ir.IntModel(m.inputShape(), m.inLo(), m.inHi(), ops);
    }

    private static long[] neg(long[] a) {
        long[] c = a.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] = -c[i];
        }
        return c;
    }
}
