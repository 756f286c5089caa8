package io.zkgw.chainapp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkgw.chainapp.app.ProvedModel;
import io.zkgw.chainapp.app.Transactions;
import io.zkgw.chainapp.app.Wallet;
import io.zkgw.chainapp.crypto.Hashes;
import io.zkgw.chainapp.proto.Account;
import io.zkgw.chainapp.proto.PredictionRequest;
import io.zkgw.chainapp.proto.RequestStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * Four real CometBFT validators on loopback (from {@code cometbft testnet}), each driving its own
 * instance of the application: transactions submitted to one node are executed by all, a request
 * expires and is refunded, and the chain keeps going with one validator stopped, which then catches up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 180)
class FourValidatorTest {
    static final String CHAIN = "zkgw-it-four";

    final List<CometNode> nodes = new ArrayList<>();
    final Wallet alice = new Wallet("alice", CHAIN);
    final Wallet bob = new Wallet("bob", CHAIN);
    final Wallet hospital = new Wallet("hospital", CHAIN);
    byte[] modelId;

    @BeforeAll
    void startNetwork(@TempDir Path dir) throws Exception {
        String appState = "{\"accounts\":["
                + "{\"address\":\"" + alice.hexAddress() + "\",\"balance\":\"1000000\"},"
                + "{\"address\":\"" + bob.hexAddress() + "\",\"balance\":\"1000\"},"
                + "{\"address\":\"" + hospital.hexAddress() + "\",\"balance\":\"1000\"}]}";
        nodes.addAll(CometNode.testnet(dir, CHAIN, appState, 4));
    }

    @AfterAll
    void stopNetwork() {
        for (CometNode n : nodes) {
            n.close();
        }
    }

    static long balance(CometNode n, Wallet w) throws Exception {
        JsonNode r = n.rpc.abciQuery("/account", w.address, false);
        return Account.parseFrom(CometRpc.b64(r.get("value"))).getBalance();
    }

    static void assertCommitted(JsonNode res) {
        assertEquals(0, res.path("check_tx").path("code").asInt(), "check_tx: " + res);
        assertEquals(0, res.path("tx_result").path("code").asInt(), "tx_result: " + res);
    }

    /**
     * Waits until every running node has executed block {@code h}: the RPC height is the block store's,
     * which stores block h+1 only after executing h.
     */
    void awaitAll(long h) throws Exception {
        for (CometNode n : nodes) {
            if (n.app != null) {
                n.awaitHeight(h + 1, Duration.ofSeconds(60));
            }
        }
    }

    @Test
    @Order(1)
    void aTransactionSentToOneValidatorIsExecutedByAll() throws Exception {
        JsonNode res = nodes.get(0).rpc.broadcastTxCommit(alice.sign(Wallet.transfer(bob.address, 100)));
        assertCommitted(res);
        awaitAll(res.path("height").asLong());
        for (CometNode n : nodes) {
            assertEquals(1_100, balance(n, bob));
        }
    }

    @Test
    @Order(2)
    void requestExpiresAndIsRefundedOnEveryValidator() throws Exception {
        assertCommitted(nodes.get(1).rpc.broadcastTxCommit(hospital.sign(Wallet.registerProvider("Four", new byte[32]))));
        byte[] datasetId = Transactions.datasetId(hospital.address, hospital.sequence);
        assertCommitted(nodes.get(1).rpc.broadcastTxCommit(hospital.sign(Wallet.commitDataset(new byte[32], 10, new byte[32]))));
        modelId = Transactions.modelId(hospital.address, hospital.sequence);
        assertCommitted(nodes.get(1).rpc.broadcastTxCommit(hospital.sign(Wallet.commitModel(datasetId, 5))));
        long deadline = nodes.get(2).rpc.latestHeight() + 15; // margin for a slow, shared CI machine
        byte[] requestId = Transactions.requestId(bob.address, bob.sequence);
        JsonNode req = nodes.get(2).rpc.broadcastTxCommit(bob.sign(Wallet.requestPrediction(modelId, 50, deadline)));
        assertCommitted(req);
        awaitAll(req.path("height").asLong());
        assertEquals(1_100 - 50, balance(nodes.get(3), bob), "fee in escrow (no tx fee on this chain)");
        awaitAll(deadline);
        for (CometNode n : nodes) {
            PredictionRequest r = PredictionRequest.parseFrom(CometRpc.b64(n.rpc.abciQuery("/request", requestId, false).get("value")));
            assertEquals(RequestStatus.REQUEST_STATUS_EXPIRED, r.getStatus());
            assertEquals(1_100, balance(n, bob), "refunded");
        }
        JsonNode blocks = nodes.get(3).rpc.search("block_search", "prediction_expired.request_id='" + Hashes.hex(requestId) + "'",
                1, Duration.ofSeconds(10));
        assertEquals(deadline, blocks.path("blocks").get(0).path("block").path("header").path("height").asLong());
    }

    /** Request on one validator, real proof to another: every validator verifies it and pays the hospital. */
    @Test
    @Order(3)
    void requestFulfilledWithARealProofIsPaidOnEveryValidator() throws Exception {
        ProvedModel.Request request = ProvedModel.BC_MLP.request(11, "four validators");
        byte[] requestId = Transactions.requestId(bob.address, bob.sequence);
        JsonNode req = nodes.get(3).rpc.broadcastTxCommit(bob.sign(Wallet.requestPrediction(modelId, 20,
                nodes.get(3).rpc.latestHeight() + 200, request)));
        assertCommitted(req);
        long hospitalBefore = balance(nodes.get(0), hospital);
        ProvedModel.Fulfilment f = ProvedModel.BC_MLP.prove(request);
        JsonNode res = nodes.get(0).rpc.broadcastTxCommit(hospital.sign(Wallet.fulfill(requestId, f.maskedOutput(), f.proof())));
        assertCommitted(res);
        awaitAll(res.path("height").asLong());
        for (CometNode n : nodes) {
            PredictionRequest r = PredictionRequest.parseFrom(CometRpc.b64(n.rpc.abciQuery("/request", requestId, false).get("value")));
            assertEquals(RequestStatus.REQUEST_STATUS_FULFILLED, r.getStatus());
            assertEquals(hospitalBefore + 20, balance(n, hospital), "fee released on every validator");
            assertEquals(1_100 - 20, balance(n, bob));
        }
    }

    @Test
    @Order(4)
    void chainContinuesWithOneValidatorDownAndItCatchesUp() throws Exception {
        CometNode down = nodes.get(3);
        down.stop();
        long h = nodes.get(0).rpc.latestHeight();
        for (int i = 0; i < 3; i++) {
            assertCommitted(nodes.get(i).rpc.broadcastTxCommit(alice.sign(Wallet.transfer(bob.address, 1))));
        }
        nodes.get(0).awaitHeight(h + 5, Duration.ofSeconds(60));
        awaitAll(nodes.get(0).rpc.latestHeight());
        assertEquals(1_083, balance(nodes.get(1), bob));

        down.launch();
        long target = nodes.get(0).rpc.latestHeight();
        down.awaitHeight(target + 1, Duration.ofSeconds(90));
        assertEquals(1_083, balance(down, bob));
        // and it takes part again: a tx sent to it commits
        assertCommitted(down.rpc.broadcastTxCommit(alice.sign(Wallet.transfer(bob.address, 1))));
        assertTrue(down.app.height() >= target);
    }
}
