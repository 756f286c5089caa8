package io.zkgw.chainapp.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.chainapp.crypto.Hashes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tendermint.abci.Types.ResponseFinalizeBlock;

/**
 * Replays the same blocks on two application instances (separate data directories, one of them
 * restarted from disk part-way) and requires identical FinalizeBlock responses and app hashes.
 */
class DeterminismTest {
    static final String CHAIN = "zkgw-determinism";

    @TempDir
    Path dirA;

    @TempDir
    Path dirB;

    @Test
    void twoInstancesAgreeBlockByBlock() throws Exception {
        List<List<byte[]>> blocks = Workload.generate(new Random(20260101L), CHAIN, 60);
        int txs = 0;
        int failed = 0;
        try (InProcessChain a = new InProcessChain(dirA, CHAIN, Workload.appState());
                InProcessChain b = new InProcessChain(dirB, CHAIN, Workload.appState())) {
            for (int i = 0; i < blocks.size(); i++) {
                ResponseFinalizeBlock ra = a.block(blocks.get(i));
                ResponseFinalizeBlock rb = b.block(blocks.get(i));
                assertEquals(ra, rb, "FinalizeBlock responses differ at height " + a.height());
                assertArrayEquals(a.app.appHash(), b.app.appHash(), "app hash differs at height " + a.height());
                txs += ra.getTxResultsCount();
                failed += (int) ra.getTxResultsList().stream().filter(r -> r.getCode() != 0).count();
                if (i == blocks.size() / 2) {
                    b.restart();
                    assertArrayEquals(a.app.appHash(), b.app.appHash(), "app hash survives a restart");
                    assertEquals(a.height(), b.app.height());
                }
            }
            assertEquals(Hashes.hex(a.app.appHash()), Hashes.hex(b.app.appHash()));
        }
        // the workload exercises both outcomes
        assertTrue(txs > 300, "txs: " + txs);
        assertTrue(failed > 30 && failed < txs - 100, "failed " + failed + " of " + txs);
    }

    /** A seeded random mix of valid and invalid transactions over all message types. */
    static final class Workload {
        static final int WALLETS = 8;

        static String appState() {
            StringBuilder sb = new StringBuilder("{\"params\":{\"min_tx_fee\":\"1\",\"max_deadline_blocks\":\"20\"},\"accounts\":[");
            for (int i = 0; i < WALLETS; i++) {
                sb.append(i == 0 ? "" : ",").append("{\"address\":\"").append(new Wallet("w" + i, CHAIN).hexAddress())
                        .append("\",\"balance\":\"100000\"}");
            }
            return sb.append("]}").toString();
        }

        static List<List<byte[]>> generate(Random rnd, String chainId, int numBlocks) {
            List<Wallet> wallets = new ArrayList<>();
            for (int i = 0; i < WALLETS; i++) {
                Wallet w = new Wallet("w" + i, chainId);
                w.fee = 1;
                wallets.add(w);
            }
            List<byte[]> datasets = new ArrayList<>();
            List<byte[]> models = new ArrayList<>();
            List<byte[]> requests = new ArrayList<>();
            List<List<byte[]>> blocks = new ArrayList<>();
            for (int h = 1; h <= numBlocks; h++) {
                List<byte[]> txs = new ArrayList<>();
                int n = rnd.nextInt(12);
                for (int i = 0; i < n; i++) {
                    Wallet w = wallets.get(rnd.nextInt(WALLETS));
                    int kind = rnd.nextInt(10);
                    long seq = w.sequence;
                    byte[] tx = switch (kind) {
                        case 0 -> w.sign(Wallet.registerProvider("provider " + rnd.nextInt(3), new byte[32]));
                        case 1 -> {
                            byte[] id = Transactions.datasetId(w.address, seq);
                            datasets.add(id);
                            yield w.sign(Wallet.commitDataset(Hashes.sha256(new byte[] {(byte) h}), 1 + rnd.nextInt(1000), new byte[32]));
                        }
                        case 2 -> {
                            if (datasets.isEmpty()) {
                                yield w.sign(Wallet.transfer(wallets.get(0).address, 1));
                            }
                            models.add(Transactions.modelId(w.address, seq));
                            yield w.sign(Wallet.commitModel(datasets.get(rnd.nextInt(datasets.size())), rnd.nextInt(50)));
                        }
                        case 3, 4 -> {
                            if (models.isEmpty()) {
                                yield w.sign(Wallet.transfer(wallets.get(1).address, 2));
                            }
                            requests.add(Transactions.requestId(w.address, seq));
                            yield w.sign(Wallet.requestPrediction(models.get(rnd.nextInt(models.size())), rnd.nextInt(80),
                                    h + rnd.nextInt(25) - 2));
                        }
                        case 5 -> requests.isEmpty() ? w.sign(Wallet.transfer(wallets.get(2).address, 3))
                                : w.sign(Wallet.reject(requests.get(rnd.nextInt(requests.size())), rnd.nextInt(5)));
                        case 6 -> requests.isEmpty() ? w.sign(Wallet.transfer(wallets.get(3).address, 4))
                                : w.signAt(seq, Wallet.fulfill(requests.get(rnd.nextInt(requests.size())), new byte[] {1}, new byte[] {2})); // refused before the ante step: no sequence used
                        case 7 -> w.signAt(Math.max(0, seq - 1 - rnd.nextInt(2)), Wallet.transfer(wallets.get(4).address, 5)); // replay / stale
                        default -> w.sign(Wallet.transfer(wallets.get(rnd.nextInt(WALLETS)).address, 1 + rnd.nextInt(30_000)));
                    };
                    txs.add(tx);
                }
                blocks.add(txs);
            }
            return blocks;
        }
    }
}
