package io.zkgw.chainapp.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkgw.chainapp.app.Code;
import io.zkgw.chainapp.app.ProvedModel;
import io.zkgw.chainapp.app.StateKeys;
import io.zkgw.chainapp.app.Transactions;
import io.zkgw.chainapp.app.Wallet;
import io.zkgw.chainapp.app.ZkgwApplication;
import io.zkgw.chainapp.crypto.Hashes;
import io.zkgw.chainapp.proto.Account;
import io.zkgw.chainapp.proto.PredictionRequest;
import io.zkgw.chainapp.proto.RequestStatus;
import io.zkgw.chainapp.proto.SmtProof;
import io.zkgw.chainapp.store.SparseMerkleTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger on one real CometBFT v0.38 validator: signed transactions over JSON-RPC, balances and
 * proofs through abci_query, indexed events through tx_search/block_search, a replayed tx, a large
 * transaction, and restarts (app state kept; app state lost and rebuilt by CometBFT's handshake replay).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120)
class SingleValidatorTest {
    static final String CHAIN = "zkgw-it-single";

    CometNode node;
    final Wallet alice = new Wallet("alice", CHAIN);
    final Wallet bob = new Wallet("bob", CHAIN);
    final Wallet hospital = new Wallet("hospital", CHAIN);
    byte[] firstTx;
    byte[] modelId;

    @BeforeAll
    void startNode(@TempDir Path dir) throws Exception {
        String appState = "{\"params\":{\"min_tx_fee\":\"1\",\"max_deadline_blocks\":\"1000\"},\"accounts\":["
                + "{\"address\":\"" + alice.hexAddress() + "\",\"balance\":\"1000000\"},"
                + "{\"address\":\"" + bob.hexAddress() + "\",\"balance\":\"1000\"},"
                + "{\"address\":\"" + hospital.hexAddress() + "\",\"balance\":\"5000\"}]}";
        for (Wallet w : new Wallet[] {alice, bob, hospital}) {
            w.fee = 1;
        }
        node = CometNode.create(dir, CHAIN, appState);
        node.start();
    }

    @AfterAll
    void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    long balance(Wallet w) throws Exception {
        JsonNode r = node.rpc.abciQuery("/account", w.address, false);
        assertEquals(0, r.path("code").asInt(), r.toString());
        return Account.parseFrom(CometRpc.b64(r.get("value"))).getBalance();
    }

    static void assertCommitted(JsonNode res) {
        assertEquals(0, res.path("check_tx").path("code").asInt(), "check_tx: " + res);
        assertEquals(0, res.path("tx_result").path("code").asInt(), "tx_result: " + res);
    }

    @Test
    @Order(1)
    void transferThroughConsensusAndProvenBalance() throws Exception {
        firstTx = alice.sign(Wallet.transfer(bob.address, 250));
        JsonNode res = node.rpc.broadcastTxCommit(firstTx);
        assertCommitted(res);
        long height = res.path("height").asLong();
        assertTrue(height >= 1);
        assertEquals(1_000_000 - 251, balance(alice));
        assertEquals(1_250, balance(bob));

        // the proof in abci_query verifies against the app hash that the next block header carries
        JsonNode q = node.rpc.abciQuery("/account", bob.address, true);
        long qh = q.path("height").asLong();
        JsonNode op = q.path("proofOps").path("ops").get(0);
        assertEquals(ZkgwApplication.PROOF_OP_TYPE, op.path("type").asText());
        SparseMerkleTree.Proof proof = ZkgwApplication.decodeProof(SmtProof.parseFrom(CometRpc.b64(op.get("data"))));
        node.awaitHeight(qh + 1, Duration.ofSeconds(30));
        JsonNode header = node.rpc.call("header", CometRpc.params().put("height", Long.toString(qh + 1))).path("header");
        byte[] appHash = Hashes.unhex(header.path("app_hash").asText());
        assertTrue(SparseMerkleTree.verify(appHash, StateKeys.account(bob.address), CometRpc.b64(q.get("value")), proof),
                "membership proof against the header's app hash");
    }

    @Test
    @Order(2)
    void replayedAndOutOfOrderTxsAreRejected() throws Exception {
        // CometBFT's mempool cache may refuse the identical bytes before our CheckTx sees them; either way
        // it must not execute again (our own check is exercised after the restart below)
        try {
            JsonNode r = node.rpc.broadcastTxSync(firstTx);
            assertEquals(Code.WRONG_SEQUENCE.value(), r.path("code").asInt(), r.toString());
            assertEquals(Code.CODESPACE, r.path("codespace").asText());
        } catch (CometRpc.RpcError e) {
            assertTrue(e.getMessage().contains("already exists in cache"), e.getMessage());
        }
        JsonNode future = node.rpc.broadcastTxSync(alice.signAt(alice.sequence + 3, Wallet.transfer(bob.address, 1)));
        assertEquals(Code.WRONG_SEQUENCE.value(), future.path("code").asInt(), future.toString());
        assertEquals(1_000_000 - 251, balance(alice));
    }

    @Test
    @Order(3)
    void commitmentsRequestsRejectionAndIndexedEvents() throws Exception {
        assertCommitted(node.rpc.broadcastTxCommit(hospital.sign(Wallet.registerProvider("St. Example", new byte[32]))));
        byte[] datasetId = Transactions.datasetId(hospital.address, hospital.sequence);
        assertCommitted(node.rpc.broadcastTxCommit(hospital.sign(Wallet.commitDataset(new byte[32], 569, new byte[32]))));
        modelId = Transactions.modelId(hospital.address, hospital.sequence);
        assertCommitted(node.rpc.broadcastTxCommit(hospital.sign(Wallet.commitModel(datasetId, 10))));

        long h = node.rpc.latestHeight();
        byte[] requestId = Transactions.requestId(alice.address, alice.sequence);
        JsonNode res = node.rpc.broadcastTxCommit(alice.sign(Wallet.requestPrediction(modelId, 40, h + 500)));
        assertCommitted(res);
        assertEquals(1_000_000 - 251 - 41, balance(alice));

        // clients find the request by its indexed attributes
        JsonNode found = node.rpc.search("tx_search", "prediction_requested.provider='" + hospital.hexAddress()
                + "' AND prediction_requested.model='" + Hashes.hex(modelId) + "'", 1, Duration.ofSeconds(10));
        assertEquals(1, found.path("total_count").asInt(), found.toString());
        JsonNode byId = node.rpc.search("tx_search", "prediction_requested.request_id='" + Hashes.hex(requestId) + "'", 1,
                Duration.ofSeconds(10));
        assertEquals(res.path("hash").asText(), byId.path("txs").get(0).path("hash").asText());

        assertCommitted(node.rpc.broadcastTxCommit(hospital.sign(Wallet.reject(requestId, 2))));
        assertEquals(1_000_000 - 251 - 1, balance(alice), "fee refunded, tx fee kept");
        PredictionRequest stored = PredictionRequest.parseFrom(CometRpc.b64(node.rpc.abciQuery("/request", requestId, false).get("value")));
        assertEquals(RequestStatus.REQUEST_STATUS_REJECTED, stored.getStatus());
        assertEquals(2, stored.getRejectReason());
    }

    /** The paid path on a real node: a clinician's request, the hospital's real proof, the fee released. */
    @Test
    @Order(4)
    void requestFulfilledWithARealProofIsPaid() throws Exception {
        ProvedModel.Request request = ProvedModel.BC_MLP.request(7, "single validator");
        byte[] requestId = Transactions.requestId(alice.address, alice.sequence);
        assertCommitted(node.rpc.broadcastTxCommit(alice.sign(Wallet.requestPrediction(modelId, 30, node.rpc.latestHeight() + 200,
                request))));
        long hospitalBefore = balance(hospital);
        ProvedModel.Fulfilment f = ProvedModel.BC_MLP.prove(request);
        JsonNode res = node.rpc.broadcastTxCommit(hospital.sign(Wallet.fulfill(requestId, f.maskedOutput(), f.proof())));
        assertCommitted(res);
        assertEquals(hospitalBefore - hospital.fee + 30, balance(hospital), "fee released to the provider");
        PredictionRequest stored = PredictionRequest.parseFrom(CometRpc.b64(node.rpc.abciQuery("/request", requestId, false).get("value")));
        assertEquals(RequestStatus.REQUEST_STATUS_FULFILLED, stored.getStatus());
        assertArrayEquals(f.maskedOutput(), stored.getMaskedOutput().toByteArray());
        JsonNode found = node.rpc.search("tx_search", "prediction_fulfilled.request_id='" + Hashes.hex(requestId) + "'", 1,
                Duration.ofSeconds(10));
        assertEquals(1, found.path("total_count").asInt(), found.toString());
    }

    @Test
    @Order(5)
    void expiryRefundsAtTheDeadline() throws Exception {
        long h = node.rpc.latestHeight();
        byte[] requestId = Transactions.requestId(bob.address, bob.sequence);
        long deadline = h + 20; // margin for a slow, shared CI machine
        JsonNode res = node.rpc.broadcastTxCommit(bob.sign(Wallet.requestPrediction(modelId, 10, deadline)));
        assertCommitted(res);
        node.awaitHeight(deadline + 1, Duration.ofSeconds(30));
        JsonNode blocks = node.rpc.search("block_search", "prediction_expired.request_id='" + Hashes.hex(requestId) + "'", 1,
                Duration.ofSeconds(10));
        assertEquals(1, blocks.path("total_count").asInt(), blocks.toString());
        assertEquals(deadline, blocks.path("blocks").get(0).path("block").path("header").path("height").asLong());
        PredictionRequest stored = PredictionRequest.parseFrom(CometRpc.b64(node.rpc.abciQuery("/request", requestId, false).get("value")));
        assertEquals(RequestStatus.REQUEST_STATUS_EXPIRED, stored.getStatus());
    }

    @Test
    @Order(6)
    void proofSizedTransactionsFitTheNodeConfiguration() throws Exception {
        // a 4 MiB FulfillPrediction passes the RPC body limit and mempool max_tx_bytes and reaches our
        // CheckTx, which looks up the (absent) request
        byte[] proof = new byte[4 << 20];
        new java.util.Random(1).nextBytes(proof);
        byte[] z = new io.zkgw.prover.inference.MaskedOutput(new long[] {1, 2}).encode();
        byte[] fulfil = hospital.signAt(hospital.sequence, Wallet.fulfill(new byte[32], z, proof));
        JsonNode r = node.rpc.broadcastTxSync(fulfil);
        assertEquals(Code.NOT_FOUND.value(), r.path("code").asInt(), r.toString().substring(0, Math.min(400, r.toString().length())));
        // and a 1 MiB encrypted payload goes through consensus
        byte[] payload = new byte[1 << 20];
        JsonNode big = node.rpc.broadcastTxCommit(alice.sign(Wallet.requestPrediction(modelId, 10, node.rpc.latestHeight() + 900)
                .setRequestPrediction(Wallet.requestPrediction(modelId, 10, node.rpc.latestHeight() + 900)
                        .getRequestPrediction().toBuilder().setEncryptedPayload(com.google.protobuf.ByteString.copyFrom(payload)))));
        assertCommitted(big);
    }

    @Test
    @Order(7)
    void restartKeepsHeightAndAppHash() throws Exception {
        long bobBalance = balance(bob);
        node.stop();
        try (ZkgwApplication reopened = new ZkgwApplication(node.appData)) {
            // what Info will report in the handshake
            assertTrue(reopened.height() > 0);
        }
        JsonNode before;
        node.start();
        before = node.rpc.call("abci_info", CometRpc.params()).path("response");
        long h0 = before.path("last_block_height").asLong();
        String replayLine = node.lastLogLine("ABCI Replay Blocks");
        assertTrue(!replayLine.isEmpty() && !replayLine.contains("appHeight=0"), "Info reported the persisted height: " + replayLine);
        node.awaitHeight(h0 + 3, Duration.ofSeconds(30));
        assertEquals(bobBalance, balance(bob));
        // the mempool cache is gone with the restart: now our own sequence check must refuse the replay
        JsonNode replay = node.rpc.broadcastTxSync(firstTx);
        assertEquals(Code.WRONG_SEQUENCE.value(), replay.path("code").asInt(), replay.toString());
        assertCommitted(node.rpc.broadcastTxCommit(alice.sign(Wallet.transfer(bob.address, 5))));
        assertEquals(bobBalance + 5, balance(bob));
    }

    @Test
    @Order(8)
    void lostAppStateIsRebuiltByHandshakeReplay() throws Exception {
        long bobBalance = balance(bob);
        node.stop();
        // the app loses everything; CometBFT's handshake sends InitChain and replays every stored block
        try (Stream<Path> files = Files.walk(node.appData)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        node.start();
        String replayLine = node.lastLogLine("ABCI Replay Blocks");
        assertTrue(replayLine.contains("appHeight=0"), replayLine);
        JsonNode info = node.rpc.call("abci_info", CometRpc.params()).path("response");
        long h = info.path("last_block_height").asLong();
        node.awaitHeight(h + 2, Duration.ofSeconds(30));
        assertEquals(bobBalance, balance(bob));
        // the rebuilt state proves bob's balance against the app hash in the chain's headers
        JsonNode q = node.rpc.abciQuery("/account", bob.address, true);
        long qh = q.path("height").asLong();
        SparseMerkleTree.Proof proof = ZkgwApplication.decodeProof(
                SmtProof.parseFrom(CometRpc.b64(q.path("proofOps").path("ops").get(0).get("data"))));
        assertTrue(SparseMerkleTree.verify(appHashAt(qh), StateKeys.account(bob.address), CometRpc.b64(q.get("value")), proof));
        assertTrue(node.app.height() >= h, "the app caught up with the stored blocks");
    }

    /** The app hash our app committed at {@code height}, read from the header of height+1 (which CometBFT checked). */
    private byte[] appHashAt(long height) throws Exception {
        node.awaitHeight(height + 1, Duration.ofSeconds(30));
        JsonNode header = node.rpc.call("header", CometRpc.params().put("height", Long.toString(height + 1))).path("header");
        return Hashes.unhex(header.path("app_hash").asText());
    }
}
