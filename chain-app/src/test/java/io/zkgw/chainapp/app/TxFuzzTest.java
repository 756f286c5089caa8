package io.zkgw.chainapp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.protobuf.ByteString;
import io.zkgw.chainapp.crypto.Ed25519;
import io.zkgw.chainapp.crypto.Hashes;
import io.zkgw.chainapp.proto.Tx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tendermint.abci.Types.ExecTxResult;
import tendermint.abci.Types.ResponseCheckTx;
import tendermint.abci.Types.ResponseFinalizeBlock;

/**
 * A bounded random fuzzer of the transaction decoder and executor: random bytes, mutated valid txs, and
 * properly signed bodies with mutated contents go through CheckTx and FinalizeBlock. No exception may
 * escape; every unsigned mutation must get a non-zero code; every code must be a known one.
 */
class TxFuzzTest {
    static final String CHAIN = "zkgw-fuzz";

    @TempDir
    Path dir;

    @Test
    void noExceptionEscapesAndBadTxsGetErrorCodes() throws Exception {
        long seed = Long.getLong("zkgw.fuzz.seed", System.nanoTime());
        int iterations = Integer.getInteger("zkgw.fuzz.iterations", 6000);
        Random rnd = new Random(seed);
        Wallet w = new Wallet("w0", CHAIN);
        w.fee = 1;
        try (InProcessChain chain = new InProcessChain(dir, CHAIN, DeterminismTest.Workload.appState())) {
            List<byte[]> valid = validTxs(w);
            List<byte[]> forBlocks = new ArrayList<>();
            int[] perCode = new int[64];
            for (int i = 0; i < iterations; i++) {
                String context = "seed " + seed + " iteration " + i;
                byte[] base = valid.get(rnd.nextInt(valid.size()));
                int strategy = rnd.nextInt(5);
                byte[] tx = switch (strategy) {
                    case 0 -> randomBytes(rnd, rnd.nextInt(400));
                    case 1 -> flipBits(rnd, base);
                    case 2 -> truncateOrExtend(rnd, base);
                    case 3 -> resign(w, flipBits(rnd, bodyOf(base)));
                    default -> resign(w, splice(rnd, bodyOf(base), randomBytes(rnd, 1 + rnd.nextInt(40))));
                };
                ResponseCheckTx r;
                try {
                    r = chain.check(tx);
                } catch (RuntimeException e) {
                    throw new AssertionError("CheckTx threw (" + context + ")", e);
                }
                Code code = Code.of(r.getCode());
                assertNotNull(code, "unknown code " + r.getCode() + " (" + context + ")");
                perCode[code.value()]++;
                if (strategy <= 2 && !Arrays.equals(tx, base)) {
                    assertNotEquals(0, r.getCode(), "a mutated signed tx was accepted (" + context + ")");
                }
                if (r.getCode() != 0) {
                    assertEquals(Code.CODESPACE, r.getCodespace());
                }
                if (forBlocks.size() < 400 && rnd.nextInt(10) == 0) {
                    forBlocks.add(tx);
                }
            }
            // the deliver path too, in blocks of 40
            for (int i = 0; i < forBlocks.size(); i += 40) {
                ResponseFinalizeBlock res = chain.block(forBlocks.subList(i, Math.min(forBlocks.size(), i + 40)));
                for (ExecTxResult r : res.getTxResultsList()) {
                    assertNotNull(Code.of(r.getCode()), "seed " + seed);
                }
            }
            assertEquals(32, chain.app.appHash().length);
            System.out.println("tx fuzz: seed " + seed + ", " + iterations + " txs, codes " + histogram(perCode));
        }
    }

    /**
     * Regression (found by the fuzzer, seed 18588523828218): an unknown field appended to a signed Tx
     * envelope re-encodes to the same bytes, so it passed the canonical-encoding check and gave the same
     * signed body a second tx hash. Every such suffix is refused; the original still goes through.
     */
    @Test
    void unknownFieldsAppendedToTheEnvelopeAreRefused() throws Exception {
        Wallet w = new Wallet("w0", CHAIN);
        w.fee = 1;
        try (InProcessChain chain = new InProcessChain(dir, CHAIN, DeterminismTest.Workload.appState())) {
            byte[] tx = validTxs(w).get(0);
            byte[][] suffixes = {
                {(byte) 0x95, 0x62, 0x00, 0x1a, (byte) 0x8e, 0x2d}, // fixed32 field 1570, as the fuzzer found
                {0x18, 0x01},                                        // varint field 3
                {0x22, 0x00},                                        // empty bytes field 4
            };
            for (byte[] suffix : suffixes) {
                byte[] longer = Arrays.copyOf(tx, tx.length + suffix.length);
                System.arraycopy(suffix, 0, longer, tx.length, suffix.length);
                ResponseCheckTx r = chain.check(longer);
                assertEquals(Code.TX_DECODE.value(), r.getCode(), HexFormat.of().formatHex(suffix) + ": " + r.getLog());
            }
            assertEquals(0, chain.check(tx).getCode());
        }
    }

    /**
     * The proof decoder and verifier behind FulfillPrediction, fuzzed with mutations of a real proof and
     * masked output for a real pending request: every mutation gets an error code, none pays, no exception
     * escapes, and afterwards the genuine proof still settles the request.
     */
    @Test
    void mutatedProofsNeverPay(@TempDir Path chainDir) throws Exception {
        long seed = Long.getLong("zkgw.fuzz.seed", System.nanoTime());
        int iterations = Integer.getInteger("zkgw.fuzz.proofIterations", 600);
        Random rnd = new Random(seed);
        Wallet hospital = new Wallet("fuzz hospital", CHAIN);
        Wallet clinician = new Wallet("fuzz clinician", CHAIN);
        try (InProcessChain chain = new InProcessChain(chainDir, CHAIN,
                LedgerRulesTest.appState(0, 50, hospital, clinician))) {
            chain.block(hospital.sign(Wallet.registerProvider("fuzz hospital", new byte[32])));
            byte[] datasetId = Transactions.datasetId(hospital.address, hospital.sequence);
            chain.block(hospital.sign(Wallet.commitDataset(new byte[32], 3, new byte[32])));
            byte[] modelId = Transactions.modelId(hospital.address, hospital.sequence);
            chain.block(hospital.sign(Wallet.commitModel(datasetId, 10)));
            ProvedModel.Request request = ProvedModel.BC_MLP.request(4, "fuzz");
            byte[] requestId = Transactions.requestId(clinician.address, clinician.sequence);
            chain.block(clinician.sign(Wallet.requestPrediction(modelId, 10, chain.height() + 40, request)));
            ProvedModel.Fulfilment good = ProvedModel.BC_MLP.prove(request);

            List<byte[]> forBlock = new ArrayList<>();
            for (int i = 0; i < iterations; i++) {
                String context = "seed " + seed + " iteration " + i;
                byte[] proof = good.proof();
                byte[] z = good.maskedOutput();
                int strategy = rnd.nextInt(4);
                switch (strategy) {
                    case 0 -> proof = flipBits(rnd, proof);
                    case 1 -> z = flipBits(rnd, z);
                    case 2 -> proof = truncateOrExtend(rnd, proof);
                    default -> {
                        proof = flipBits(rnd, proof);
                        z = flipBits(rnd, z);
                    }
                }
                if (Arrays.equals(proof, good.proof()) && Arrays.equals(z, good.maskedOutput())) {
                    continue; // two flips of one bit cancel out
                }
                byte[] tx = hospital.signAt(hospital.sequence, Wallet.fulfill(requestId, z, proof));
                ResponseCheckTx r;
                try {
                    r = chain.check(tx);
                } catch (RuntimeException e) {
                    throw new AssertionError("CheckTx threw (" + context + ")", e);
                }
                if (r.getCode() == 0) {
                    throw new AssertionError("a mutated proof was accepted (" + context + ", strategy " + strategy
                            + ", proof " + good.proof().length + " -> " + proof.length + " bytes, first proof difference at "
                            + Arrays.mismatch(good.proof(), proof) + ", first output difference at "
                            + Arrays.mismatch(good.maskedOutput(), z) + ")");
                }
                assertNotNull(Code.of(r.getCode()), context);
                if (forBlock.size() < 40 && rnd.nextInt(10) == 0) {
                    forBlock.add(tx);
                }
            }
            ResponseFinalizeBlock res = chain.block(forBlock);
            for (ExecTxResult r : res.getTxResultsList()) {
                assertNotEquals(0, r.getCode(), "seed " + seed);
            }
            assertEquals(io.zkgw.chainapp.proto.RequestStatus.REQUEST_STATUS_PENDING, chain.state().request(requestId).getStatus());
            assertEquals(10, chain.state().escrow());
            hospital.sequence = chain.state().account(hospital.address).getSequence();
            ResponseFinalizeBlock ok = chain.block(hospital.sign(Wallet.fulfill(requestId, good.maskedOutput(), good.proof())));
            assertEquals(0, ok.getTxResults(0).getCode(), ok.getTxResults(0).getLog());
            assertEquals(0, chain.state().escrow());
        }
    }

    static List<byte[]> validTxs(Wallet w) {
        List<byte[]> out = new ArrayList<>();
        byte[] id = Hashes.sha256(new byte[] {1});
        out.add(w.signAt(0, Wallet.transfer(new byte[20], 5)));
        out.add(w.signAt(0, Wallet.registerProvider("fuzz hospital", new byte[32])));
        out.add(w.signAt(0, Wallet.commitDataset(id, 10, id)));
        out.add(w.signAt(0, Wallet.commitModel(id, 5)));
        out.add(w.signAt(0, Wallet.requestPrediction(id, 5, 10)));
        out.add(w.signAt(0, Wallet.reject(id, 1)));
        out.add(w.signAt(0, Wallet.fulfill(id, new byte[] {1}, new byte[] {2})));
        return out;
    }

    static byte[] bodyOf(byte[] tx) {
        try {
            return Tx.parseFrom(tx).getBody().toByteArray();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static byte[] resign(Wallet w, byte[] body) {
        byte[] sig = Ed25519.sign(w.seed, Transactions.signBytes(CHAIN, body));
        return Tx.newBuilder().setBody(ByteString.copyFrom(body)).setSignature(ByteString.copyFrom(sig)).build().toByteArray();
    }

    static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    static byte[] flipBits(Random rnd, byte[] in) {
        byte[] b = in.clone();
        if (b.length == 0) {
            return new byte[] {(byte) rnd.nextInt(256)};
        }
        int flips = 1 + rnd.nextInt(4);
        for (int i = 0; i < flips; i++) {
            b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
        }
        return b;
    }

    static byte[] truncateOrExtend(Random rnd, byte[] in) {
        if (rnd.nextBoolean() && in.length > 0) {
            return Arrays.copyOf(in, rnd.nextInt(in.length));
        }
        byte[] extra = randomBytes(rnd, 1 + rnd.nextInt(20));
        byte[] out = Arrays.copyOf(in, in.length + extra.length);
        System.arraycopy(extra, 0, out, in.length, extra.length);
        return out;
    }

    static byte[] splice(Random rnd, byte[] in, byte[] insert) {
        int at = rnd.nextInt(in.length + 1);
        byte[] out = new byte[in.length + insert.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(in, at, out, at + insert.length, in.length - at);
        return out;
    }

    static String histogram(int[] perCode) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < perCode.length; i++) {
            if (perCode[i] > 0) {
                sb.append(Code.of(i)).append('=').append(perCode[i]).append(' ');
            }
        }
        return sb.toString().trim();
    }
}
