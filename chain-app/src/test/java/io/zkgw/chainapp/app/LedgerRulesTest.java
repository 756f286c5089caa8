package io.zkgw.chainapp.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.zkgw.chainapp.crypto.Hashes;
import io.zkgw.chainapp.proto.Account;
import io.zkgw.chainapp.proto.CommitModel;
import io.zkgw.chainapp.proto.PredictionRequest;
import io.zkgw.chainapp.proto.RequestStatus;
import io.zkgw.chainapp.proto.SmtProof;
import io.zkgw.chainapp.proto.TxBody;
import io.zkgw.chainapp.store.SparseMerkleTree;
import io.zkgw.ir.IntInterpreter;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.inference.MaskedOutput;
import io.zkgw.prover.inference.RequesterCommitments;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tendermint.abci.Types.Event;
import tendermint.abci.Types.EventAttribute;
import tendermint.abci.Types.ExecTxResult;
import tendermint.abci.Types.RequestQuery;
import tendermint.abci.Types.ResponseFinalizeBlock;
import tendermint.abci.Types.ResponseQuery;

class LedgerRulesTest {
    static final String CHAIN = "zkgw-test";

    @TempDir
    Path dir;

    Wallet alice = new Wallet("alice", CHAIN);
    Wallet bob = new Wallet("bob", CHAIN);
    Wallet hospital = new Wallet("hospital", CHAIN);
    Wallet other = new Wallet("other hospital", CHAIN);
    InProcessChain chain;

    static String appState(long minFee, long maxDeadline, Wallet... funded) {
        StringBuilder sb = new StringBuilder("{\"params\":{\"min_tx_fee\":\"" + minFee + "\",\"max_deadline_blocks\":\""
                + maxDeadline + "\"},\"accounts\":[");
        for (int i = 0; i < funded.length; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"address\":\"").append(funded[i].hexAddress())
                    .append("\",\"balance\":\"1000000\"}");
        }
        return sb.append("]}").toString();
    }

    @BeforeEach
    void start() throws Exception {
        chain = new InProcessChain(dir, CHAIN, appState(2, 50, alice, bob, hospital, other));
        for (Wallet w : List.of(alice, bob, hospital, other)) {
            w.fee = 2;
        }
    }

    @AfterEach
    void stop() {
        chain.close();
    }

    long balance(Wallet w) {
        return chain.state().account(w.address).getBalance();
    }

    static Code code(ExecTxResult r) {
        return Code.of(r.getCode());
    }

    static Map<String, String> attrs(Event e) {
        Map<String, String> m = new TreeMap<>();
        for (EventAttribute a : e.getAttributesList()) {
            assertTrue(a.getIndex(), "attribute " + a.getKey() + " is indexed");
            m.put(a.getKey(), a.getValue());
        }
        return m;
    }

    static Event event(List<Event> events, String type) {
        return events.stream().filter(e -> e.getType().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " event in " + events));
    }

    /** Every unit is in an account, the fee pool or escrow. */
    void assertSupplyConserved() {
        LedgerState st = chain.state();
        long[] sum = {0};
        byte[] prefix = "acct/".getBytes();
        st.tree().forEach((k, v) -> {
            if (k.length == prefix.length + 20 && Arrays.equals(k, 0, prefix.length, prefix, 0, prefix.length)) {
                try {
                    sum[0] += Account.parseFrom(v).getBalance();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        });
        assertEquals(st.supply(), sum[0] + st.feePool() + st.escrow(), "supply conserved");
        assertEquals(4_000_000, st.supply());
    }

    @Test
    void genesisFundsAccounts() {
        assertEquals(0, chain.app.height());
        assertEquals(0, chain.app.appHash().length, "nothing committed before the first block");
        chain.block();
        assertEquals(1_000_000, balance(alice));
        assertEquals(0, chain.state().account(new byte[20]).getBalance());
        assertEquals(2, chain.state().params().getMinTxFee());
        assertEquals(CHAIN, chain.state().chainId());
        assertSupplyConserved();
    }

    @Test
    void transferMovesFundsPaysFeeAndBumpsSequence() {
        byte[] tx = alice.sign(Wallet.transfer(bob.address, 500));
        assertEquals(0, chain.check(tx).getCode());
        ResponseFinalizeBlock res = chain.block(tx);
        assertEquals(Code.OK, code(res.getTxResults(0)));
        assertEquals(1_000_000 - 500 - 2, balance(alice));
        assertEquals(1_000_500, balance(bob));
        assertEquals(2, chain.state().feePool());
        assertEquals(1, chain.state().account(alice.address).getSequence());
        assertArrayEquals(alice.publicKey, chain.state().account(alice.address).getPublicKey().toByteArray());
        Map<String, String> t = attrs(event(res.getTxResults(0).getEventsList(), "transfer"));
        assertEquals(alice.hexAddress(), t.get("sender"));
        assertEquals(bob.hexAddress(), t.get("recipient"));
        assertEquals("500", t.get("amount"));
        assertEquals("transfer", attrs(event(res.getTxResults(0).getEventsList(), "message")).get("action"));
        assertSupplyConserved();
    }

    @Test
    void replayedAndOutOfOrderTransactionsAreRejected() {
        byte[] tx = alice.sign(Wallet.transfer(bob.address, 10));
        chain.block(tx);
        assertEquals(Code.WRONG_SEQUENCE.value(), chain.check(tx).getCode());
        ResponseFinalizeBlock again = chain.block(tx);
        assertEquals(Code.WRONG_SEQUENCE, code(again.getTxResults(0)));
        assertEquals(1_000_000 - 12, balance(alice), "a replay changes nothing");
        byte[] future = alice.signAt(5, Wallet.transfer(bob.address, 10));
        assertEquals(Code.WRONG_SEQUENCE.value(), chain.check(future).getCode());
        // two txs of one account in one block, in order, are both fine (CheckTx tracks the sequence)
        byte[] t1 = alice.sign(Wallet.transfer(bob.address, 1));
        byte[] t2 = alice.sign(Wallet.transfer(bob.address, 1));
        assertEquals(0, chain.check(t1).getCode());
        assertEquals(0, chain.check(t2).getCode());
        ResponseFinalizeBlock both = chain.block(t1, t2);
        assertEquals(Code.OK, code(both.getTxResults(0)));
        assertEquals(Code.OK, code(both.getTxResults(1)));
    }

    @Test
    void signaturesAreBoundToTheChainId() {
        Wallet elsewhere = new Wallet("alice", "another-chain");
        elsewhere.fee = 2;
        byte[] tx = elsewhere.sign(Wallet.transfer(bob.address, 10));
        assertEquals(Code.BAD_SIGNATURE.value(), chain.check(tx).getCode());
        assertEquals(Code.BAD_SIGNATURE, code(chain.block(tx).getTxResults(0)));
    }

    @Test
    void feesAndFundsAreChecked() {
        alice.fee = 1;
        assertEquals(Code.FEE_TOO_LOW.value(), chain.check(alice.signAt(0, Wallet.transfer(bob.address, 1))).getCode());
        alice.fee = 2;
        byte[] tooMuch = alice.signAt(0, Wallet.transfer(bob.address, 999_999));
        assertEquals(Code.INSUFFICIENT_FUNDS.value(), chain.check(tooMuch).getCode());
        // in a block the fee is still charged and the sequence used
        ResponseFinalizeBlock res = chain.block(tooMuch);
        assertEquals(Code.INSUFFICIENT_FUNDS, code(res.getTxResults(0)));
        assertEquals(1_000_000 - 2, balance(alice));
        assertEquals(1, chain.state().account(alice.address).getSequence());
        Wallet pauper = new Wallet("pauper", CHAIN);
        pauper.fee = 2;
        assertEquals(Code.INSUFFICIENT_FUNDS.value(), chain.check(pauper.sign(Wallet.transfer(bob.address, 1))).getCode());
        assertEquals(Code.INVALID_FIELD.value(), chain.check(alice.signAt(1, Wallet.transfer(new byte[19], 1))).getCode());
        assertEquals(Code.INVALID_FIELD.value(), chain.check(alice.signAt(1, Wallet.transfer(bob.address, 0))).getCode());
        assertSupplyConserved();
    }

    /** Registers the hospital as a provider with a dataset and a model; returns the model id. */
    byte[] setUpModel(long price) {
        byte[] reg = hospital.sign(Wallet.registerProvider("St. Example Hospital", new byte[32]));
        long dsSeq = hospital.sequence;
        byte[] ds = hospital.sign(Wallet.commitDataset(Hashes.sha256(new byte[] {9}), 569, Hashes.sha256(new byte[] {8})));
        byte[] datasetId = Transactions.datasetId(hospital.address, dsSeq);
        long mSeq = hospital.sequence;
        byte[] model = hospital.sign(Wallet.commitModel(datasetId, price));
        ResponseFinalizeBlock res = chain.block(reg, ds, model);
        for (ExecTxResult r : res.getTxResultsList()) {
            assertEquals(Code.OK, code(r), r.getLog());
        }
        assertArrayEquals(datasetId, res.getTxResults(1).getData().toByteArray());
        byte[] modelId = Transactions.modelId(hospital.address, mSeq);
        assertArrayEquals(modelId, res.getTxResults(2).getData().toByteArray());
        assertEquals(Hashes.hex(modelId), attrs(event(res.getTxResults(2).getEventsList(), "model_committed")).get("model_id"));
        return modelId;
    }

    @Test
    void providerDatasetAndModelRules() {
        assertEquals(Code.NOT_A_PROVIDER.value(), chain.check(
                alice.signAt(0, Wallet.commitDataset(new byte[32], 1, new byte[32]))).getCode());
        byte[] modelId = setUpModel(100);
        assertNotNull(chain.state().model(modelId));
        assertEquals("St. Example Hospital", chain.state().provider(hospital.address).getName());
        assertEquals(Code.ALREADY_EXISTS.value(), chain.check(
                hospital.signAt(hospital.sequence, Wallet.registerProvider("again", new byte[32]))).getCode());
        assertEquals(Code.INVALID_FIELD.value(), chain.check(
                alice.signAt(0, Wallet.registerProvider("bad\nname", new byte[32]))).getCode());
        // another provider cannot build on the hospital's dataset
        byte[] reg = other.sign(Wallet.registerProvider("Other", new byte[32]));
        chain.block(reg);
        byte[] datasetId = chain.state().model(modelId).getDatasetId().toByteArray();
        assertEquals(Code.UNAUTHORIZED.value(), chain.check(other.signAt(other.sequence, Wallet.commitModel(datasetId, 1))).getCode());
        assertEquals(Code.NOT_FOUND.value(), chain.check(other.signAt(other.sequence, Wallet.commitModel(new byte[32], 1))).getCode());
    }

    @Test
    void requestEscrowsAndRejectRefunds() {
        byte[] modelId = setUpModel(100);
        long h = chain.height();
        assertEquals(Code.FEE_BELOW_PRICE.value(), chain.check(alice.signAt(0, Wallet.requestPrediction(modelId, 99, h + 5))).getCode());
        assertEquals(Code.INVALID_DEADLINE.value(), chain.check(alice.signAt(0, Wallet.requestPrediction(modelId, 100, h + 1 + 51))).getCode());
        assertEquals(Code.INVALID_DEADLINE.value(), chain.check(alice.signAt(0, Wallet.requestPrediction(modelId, 100, h))).getCode());
        assertEquals(Code.NOT_FOUND.value(), chain.check(alice.signAt(0, Wallet.requestPrediction(new byte[32], 100, h + 5))).getCode());

        byte[] requestId = Transactions.requestId(alice.address, alice.sequence);
        byte[] req = alice.sign(Wallet.requestPrediction(modelId, 150, h + 10));
        assertEquals(0, chain.check(req).getCode());
        ResponseFinalizeBlock res = chain.block(req);
        assertEquals(Code.OK, code(res.getTxResults(0)), res.getTxResults(0).getLog());
        Map<String, String> ev = attrs(event(res.getTxResults(0).getEventsList(), "prediction_requested"));
        assertEquals(Hashes.hex(requestId), ev.get("request_id"));
        assertEquals(hospital.hexAddress(), ev.get("provider"));
        assertEquals(Hashes.hex(modelId), ev.get("model"));
        assertEquals("150", ev.get("fee"));
        assertEquals(1_000_000 - 150 - 2, balance(alice));
        assertEquals(150, chain.state().escrow());
        assertSupplyConserved();

        // only the model's provider may reject
        assertEquals(Code.UNAUTHORIZED.value(), chain.check(bob.signAt(0, Wallet.reject(requestId, 3))).getCode());
        byte[] rej = hospital.sign(Wallet.reject(requestId, 3));
        ResponseFinalizeBlock r2 = chain.block(rej);
        assertEquals(Code.OK, code(r2.getTxResults(0)), r2.getTxResults(0).getLog());
        assertEquals("3", attrs(event(r2.getTxResults(0).getEventsList(), "prediction_rejected")).get("reason_code"));
        assertEquals(1_000_000 - 2, balance(alice));
        assertEquals(0, chain.state().escrow());
        PredictionRequest stored = chain.state().request(requestId);
        assertEquals(RequestStatus.REQUEST_STATUS_REJECTED, stored.getStatus());
        assertTrue(stored.getEncryptedPayload().isEmpty(), "payload dropped once closed");
        assertEquals(Code.REQUEST_NOT_PENDING.value(), chain.check(hospital.signAt(hospital.sequence, Wallet.reject(requestId, 3))).getCode());
        assertSupplyConserved();
    }

    @Test
    void unansweredRequestsAreRefundedAtTheDeadline() {
        byte[] modelId = setUpModel(100);
        long deadline = chain.height() + 3;
        byte[] requestId = Transactions.requestId(alice.address, alice.sequence);
        chain.block(alice.sign(Wallet.requestPrediction(modelId, 100, deadline)));
        while (chain.height() < deadline - 1) {
            chain.block();
        }
        assertEquals(RequestStatus.REQUEST_STATUS_PENDING, chain.state().request(requestId).getStatus());
        ResponseFinalizeBlock last = chain.block();
        assertEquals(deadline, chain.height());
        Map<String, String> ev = attrs(event(last.getEventsList(), "prediction_expired"));
        assertEquals(Hashes.hex(requestId), ev.get("request_id"));
        assertEquals("100", ev.get("refund"));
        assertEquals(RequestStatus.REQUEST_STATUS_EXPIRED, chain.state().request(requestId).getStatus());
        assertEquals(1_000_000 - 2, balance(alice));
        assertEquals(0, chain.state().escrow());
        assertEquals(Code.REQUEST_NOT_PENDING.value(), chain.check(hospital.signAt(hospital.sequence, Wallet.reject(requestId, 1))).getCode());
        assertSupplyConserved();
    }

    @Test
    void aValidProofReleasesTheFeeAndTheClinicianUnmasksTheAnswer() {
        ProvedModel bc = ProvedModel.BC_MLP;
        byte[] modelId = setUpModel(100);
        ProvedModel.Request request = bc.request(5, "alice row 5");
        byte[] requestId = Transactions.requestId(alice.address, alice.sequence);
        chain.block(alice.sign(Wallet.requestPrediction(modelId, 100, chain.height() + 10, request)));
        assertEquals(100, chain.state().escrow());

        ProvedModel.Fulfilment f = bc.prove(request);
        long hospitalBefore = balance(hospital);
        byte[] tx = hospital.signAt(hospital.sequence, Wallet.fulfill(requestId, f.maskedOutput(), f.proof()));
        var checked = chain.check(tx);
        assertEquals(0, checked.getCode(), checked.getLog());
        hospital.sequence++;
        ResponseFinalizeBlock res = chain.block(tx);
        assertEquals(Code.OK, code(res.getTxResults(0)), res.getTxResults(0).getLog());
        Map<String, String> ev = attrs(event(res.getTxResults(0).getEventsList(), "prediction_fulfilled"));
        assertEquals(Hashes.hex(requestId), ev.get("request_id"));
        assertEquals("100", ev.get("fee"));
        assertEquals(hospitalBefore - 2 + 100, balance(hospital), "fee released minus the tx fee");
        assertEquals(0, chain.state().escrow());
        PredictionRequest stored = chain.state().request(requestId);
        assertEquals(RequestStatus.REQUEST_STATUS_FULFILLED, stored.getStatus());
        assertArrayEquals(f.maskedOutput(), stored.getMaskedOutput().toByteArray());

        // the clinician unmasks what the ledger stored with the mask only she knows
        long[] y = RequesterCommitments.unmask(f.z(),
                RequesterCommitments.maskFromSeed(request.seed(), f.z().length));
        long[] expected = IntInterpreter.run(bc.committed.model(), request.commitments().opening().x()).output();
        assertArrayEquals(expected, y);

        // a second fulfilment of the same request is refused and pays nothing
        ResponseFinalizeBlock again = chain.block(hospital.sign(Wallet.fulfill(requestId, f.maskedOutput(), f.proof())));
        assertEquals(Code.REQUEST_NOT_PENDING, code(again.getTxResults(0)));
        assertSupplyConserved();
    }

    /**
     * Every way a fulfilment can be wrong with a real proof at hand: the proof of another request, an
     * altered masked output, a flipped proof byte, a truncated proof, an output of the wrong length. Each is
     * refused with a code; no payout; the request stays pending with its escrow; the provider pays its tx fee.
     */
    @Test
    void wrongFulfilmentsReleaseNothing() {
        ProvedModel bc = ProvedModel.BC_MLP;
        byte[] modelId = setUpModel(100);
        ProvedModel.Request mine = bc.request(1, "alice row 1");
        byte[] requestId = Transactions.requestId(alice.address, alice.sequence);
        chain.block(alice.sign(Wallet.requestPrediction(modelId, 100, chain.height() + 40, mine)));
        ProvedModel.Fulfilment good = bc.prove(mine);
        ProvedModel.Fulfilment otherRequest = bc.prove(bc.request(1, "someone else, same row"));
        long[] altered = good.z();
        altered[0] = Goldilocks.add(altered[0], 1);
        byte[] flipped = good.proof().clone();
        flipped[flipped.length / 2] ^= 0x10;
        byte[] truncated = Arrays.copyOf(good.proof(), good.proof().length - 1);
        byte[] wrongLength = new MaskedOutput(new long[] {1, 2, 3}).encode();

        record Bad(String what, byte[] maskedOutput, byte[] proof) {}
        List<Bad> bads = List.of(
                new Bad("proof of another request", otherRequest.maskedOutput(), otherRequest.proof()),
                new Bad("masked output altered", new MaskedOutput(altered).encode(), good.proof()),
                new Bad("proof byte flipped", good.maskedOutput(), flipped),
                new Bad("proof truncated", good.maskedOutput(), truncated),
                new Bad("masked output of the wrong length", wrongLength, good.proof()));
        for (Bad b : bads) {
            long hospitalBefore = balance(hospital);
            byte[] tx = hospital.signAt(hospital.sequence, Wallet.fulfill(requestId, b.maskedOutput(), b.proof()));
            assertEquals(Code.PROOF_INVALID.value(), chain.check(tx).getCode(), b.what());
            hospital.sequence++;
            ResponseFinalizeBlock res = chain.block(tx);
            assertEquals(Code.PROOF_INVALID, code(res.getTxResults(0)), b.what() + ": " + res.getTxResults(0).getLog());
            assertTrue(res.getTxResults(0).getLog().contains("does not verify"), res.getTxResults(0).getLog());
            assertEquals(hospitalBefore - 2, balance(hospital), b.what() + ": only the tx fee");
            assertEquals(RequestStatus.REQUEST_STATUS_PENDING, chain.state().request(requestId).getStatus(), b.what());
            assertEquals(100, chain.state().escrow(), b.what());
        }
        // a masked output that is not even well-formed is refused before any state is touched
        byte[] before = chain.app.appHash();
        byte[] malformed = hospital.signAt(hospital.sequence, Wallet.fulfill(requestId, new byte[] {1, 2}, good.proof()));
        assertEquals(Code.INVALID_FIELD.value(), chain.check(malformed).getCode());
        assertTrue(chain.check(malformed).getLog().contains("fulfill_prediction.masked_output"));
        assertEquals(Code.INVALID_FIELD, code(chain.block(malformed).getTxResults(0)));
        assertArrayEquals(before, chain.app.appHash(), "no fee, no sequence");
        // and the right proof still works afterwards: nothing was lost
        ResponseFinalizeBlock ok = chain.block(hospital.sign(Wallet.fulfill(requestId, good.maskedOutput(), good.proof())));
        assertEquals(Code.OK, code(ok.getTxResults(0)), ok.getTxResults(0).getLog());
        assertSupplyConserved();
    }

    /** A verifier that throws (a bug) must not halt the chain: the tx gets PROOF_INVALID and nothing is paid. */
    @Test
    void aFailingVerifierReleasesNothing(@TempDir Path otherDir) throws Exception {
        chain.close();
        chain = new InProcessChain(otherDir, CHAIN, appState(2, 50, alice, bob, hospital, other), claim -> {
            throw new IllegalStateException("verifier failure");
        });
        byte[] modelId = setUpModel(100);
        ProvedModel.Request request = ProvedModel.BC_MLP.request(2, "alice row 2");
        byte[] requestId = Transactions.requestId(alice.address, alice.sequence);
        chain.block(alice.sign(Wallet.requestPrediction(modelId, 100, chain.height() + 10, request)));
        ProvedModel.Fulfilment f = ProvedModel.BC_MLP.prove(request);
        long hospitalBefore = balance(hospital);
        ResponseFinalizeBlock res = chain.block(hospital.sign(Wallet.fulfill(requestId, f.maskedOutput(), f.proof())));
        assertEquals(Code.PROOF_INVALID, code(res.getTxResults(0)), res.getTxResults(0).getLog());
        assertEquals(hospitalBefore - 2, balance(hospital), "only the tx fee");
        assertEquals(RequestStatus.REQUEST_STATUS_PENDING, chain.state().request(requestId).getStatus());
        assertSupplyConserved();
    }

    /** What CommitModel and RequestPrediction store must be verifiable later; malformed commitments are refused. */
    @Test
    void malformedModelAndRequestCommitmentsAreRefused() {
        hospital.fee = 2;
        chain.block(hospital.sign(Wallet.registerProvider("St Elsewhere", new byte[32])));
        byte[] datasetId = Transactions.datasetId(hospital.address, hospital.sequence);
        chain.block(hospital.sign(Wallet.commitDataset(new byte[32], 10, new byte[32])));
        byte[] d = ProvedModel.BC_MLP.circuitDescription();
        byte[] w = ProvedModel.BC_MLP.weightsCommitment();
        byte[] dFlipped = d.clone();
        dFlipped[d.length - 1] ^= 1;
        byte[] wFlipped = w.clone();
        wFlipped[w.length - 1] ^= 1;
        Map<String, CommitModel> bad = Map.of(
                "commit_model.weights_commitment", Wallet.commitModel(datasetId, 1).getCommitModel().toBuilder()
                        .setWeightsCommitment(ByteString.copyFrom(new byte[32])).build(),
                "circuit hash", Wallet.commitModel(datasetId, 1).getCommitModel().toBuilder()
                        .setWeightsCommitment(ByteString.copyFrom(wFlipped)).build(),
                "commit_model.circuit_description", Wallet.commitModel(datasetId, 1).getCommitModel().toBuilder()
                        .setCircuitDescription(ByteString.copyFrom(Arrays.copyOf(d, d.length - 3))).build(),
                "commit_model.", Wallet.commitModel(datasetId, 1).getCommitModel().toBuilder()
                        .setCircuitDescription(ByteString.copyFrom(dFlipped)).build());
        for (var e : bad.entrySet()) {
            var r = chain.check(hospital.signAt(hospital.sequence,
                    TxBody.newBuilder().setCommitModel(e.getValue())));
            assertEquals(Code.INVALID_FIELD.value(), r.getCode(), e.getKey());
            assertTrue(r.getLog().contains(e.getKey()), e.getKey() + " named in: " + r.getLog());
        }
        byte[] modelId = Transactions.modelId(hospital.address, hospital.sequence);
        chain.block(hospital.sign(Wallet.commitModel(datasetId, 1)));
        assertNotNull(chain.state().model(modelId));
        var req = Wallet.requestPrediction(modelId, 5, chain.height() + 5);
        var badInput = req.clone().setRequestPrediction(req.getRequestPrediction().toBuilder()
                .setInputCommitment(ByteString.copyFrom(new byte[40])));
        var r = chain.check(alice.signAt(alice.sequence, badInput));
        assertEquals(Code.INVALID_FIELD.value(), r.getCode());
        assertTrue(r.getLog().contains("request_prediction.input_commitment"), r.getLog());
        var badMask = req.clone().setRequestPrediction(req.getRequestPrediction().toBuilder()
                .setMaskCommitment(ByteString.copyFrom(new byte[33])));
        r = chain.check(alice.signAt(alice.sequence, badMask));
        assertEquals(Code.INVALID_FIELD.value(), r.getCode());
        assertTrue(r.getLog().contains("request_prediction.mask_commitment"), r.getLog());
    }

    @Test
    void queriesReturnProofsAgainstTheAppHash() throws Exception {
        chain.block(alice.sign(Wallet.transfer(bob.address, 7)));
        byte[] root = chain.app.appHash();
        ResponseQuery q = chain.app.query(RequestQuery.newBuilder().setPath("/account")
                .setData(ByteString.copyFrom(bob.address)).setProve(true).build());
        assertEquals(0, q.getCode());
        assertEquals(chain.height(), q.getHeight());
        assertEquals(1_000_007, Account.parseFrom(q.getValue()).getBalance());
        assertEquals(ZkgwApplication.PROOF_OP_TYPE, q.getProofOps().getOps(0).getType());
        SparseMerkleTree.Proof p = ZkgwApplication.decodeProof(SmtProof.parseFrom(q.getProofOps().getOps(0).getData()));
        assertTrue(SparseMerkleTree.verify(root, q.getKey().toByteArray(), q.getValue().toByteArray(), p));

        byte[] nobody = new byte[20];
        ResponseQuery absent = chain.app.query(RequestQuery.newBuilder().setPath("/account")
                .setData(ByteString.copyFrom(nobody)).setProve(true).build());
        assertEquals(0, absent.getCode());
        assertTrue(absent.getValue().isEmpty());
        SparseMerkleTree.Proof np = ZkgwApplication.decodeProof(SmtProof.parseFrom(absent.getProofOps().getOps(0).getData()));
        assertTrue(SparseMerkleTree.verify(root, StateKeys.account(nobody), null, np));
        assertFalse(SparseMerkleTree.verify(root, StateKeys.account(nobody), new byte[] {1}, np));

        assertEquals(Code.QUERY_UNKNOWN_PATH.value(), chain.app.query(RequestQuery.newBuilder().setPath("/nope").build()).getCode());
        assertEquals(Code.QUERY_BAD_DATA.value(), chain.app.query(RequestQuery.newBuilder().setPath("/account")
                .setData(ByteString.copyFrom(new byte[3])).build()).getCode());
        assertEquals(Code.QUERY_BAD_HEIGHT.value(), chain.app.query(RequestQuery.newBuilder().setPath("/params")
                .setHeight(chain.height() + 5).build()).getCode());
    }

    @Test
    void badGenesisIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Genesis.parse("{\"accounts\":[{\"address\":\"00\",\"balance\":1}]}".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> Genesis.parse("{\"extra\":1}".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> Genesis.parse(("{\"accounts\":[{\"address\":\"" + "a".repeat(40)
                + "\",\"balance\":\"9223372036854775807\"},{\"address\":\"" + "b".repeat(40) + "\",\"balance\":\"1\"}]}").getBytes()));
        assertThrows(IllegalArgumentException.class, () -> Genesis.parse(("{\"accounts\":[{\"address\":\"" + "a".repeat(40)
                + "\",\"balance\":-5}]}").getBytes()));
        assertEquals(0, Genesis.parse(new byte[0]).balances().size());
    }
}
