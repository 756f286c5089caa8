package io.zkgw.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.zkgw.chainapp.app.Transactions;
import io.zkgw.chainapp.app.ZkgwApplication;
import io.zkgw.chainapp.crypto.Hashes;
import io.zkgw.chainapp.proto.CommitModel;
import io.zkgw.chainapp.proto.RequestPrediction;
import io.zkgw.chainapp.proto.TxBody;
import io.zkgw.chainclient.tx.Messages;
import io.zkgw.chainclient.tx.TxSigner;
import io.zkgw.inference.data.CsvDataset;
import io.zkgw.ir.IntInterpreter;
import io.zkgw.prover.inference.CommittedModel;
import io.zkgw.prover.inference.ModelCommitment;
import io.zkgw.prover.inference.InferenceProof;
import io.zkgw.prover.inference.InferenceProver;
import io.zkgw.prover.inference.MaskedOutput;
import io.zkgw.prover.inference.RequesterCommitments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tendermint.abci.Types.ExecTxResult;
import tendermint.abci.Types.RequestCheckTx;
import tendermint.abci.Types.RequestFinalizeBlock;
import tendermint.abci.Types.RequestInitChain;
import tendermint.abci.Types.ResponseCheckTx;
import tendermint.abci.Types.ResponseFinalizeBlock;

/**
 * The ledger application in process, as CometBFT drives it (CheckTx; FinalizeBlock + Commit), on a fresh
 * on-disk state per invocation:
 * <ul>
 *   <li>{@code fulfilBlock}: one block of {@code txs} FulfillPrediction transactions, each carrying a real
 *       breast-cancer MLP proof that every validator verifies — the figure behind "verified fulfilments per
 *       1-second block";
 *   <li>{@code transferBlock} / {@code transferCheckTx}: {@code txs} signed transfers through FinalizeBlock
 *       + Commit, and through CheckTx (the mempool path).
 * </ul>
 * Time per operation is per block (or per batch of CheckTx calls); divide {@code txs} by it for tx/s.
 * Run from the repository root (the fixture is read as {@link BenchFixtures} says).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 3)
@Measurement(iterations = 10)
public class LedgerBench {
    private static final String CHAIN = "zkgw-bench";

    @Param({"20", "64"})
    public int txs;

    private final TxSigner hospital = signer("hospital");
    private final TxSigner clinician = signer("clinician");
    private List<byte[]> setupTxs;
    private List<byte[]> fulfilTxs;
    private List<byte[]> transferTxs;
    private Path dir;
    private ZkgwApplication app;
    private long height;

    @Setup(Level.Trial)
    public void prepare() {
        var q = BenchFixtures.quantise("bc_mlp");
        // one commitment per K = 16 proofs (the gateway's default proof budget): epoch e takes fulfilments
        // 16e..16e+15, so a block of fulfilments spans several epochs as it does in production
        int k = ModelCommitment.DEFAULT_PROOF_BUDGET;
        List<CommittedModel> epochs = new ArrayList<>();
        for (int e = 0; e * k < txs; e++) {
            epochs.add(CommittedModel.commit(q.quantized().intModel()));
        }
        CommittedModel model = epochs.get(0);
        CsvDataset test = BenchFixtures.test("bc_mlp");

        byte[] hospitalAddress = hospital.address().toByteArray();
        byte[] clinicianAddress = clinician.address().toByteArray();
        ByteString zeros = ByteString.copyFrom(new byte[32]);
        setupTxs = new ArrayList<>();
        setupTxs.add(sign(hospital, 0, Messages.registerProvider("bench hospital", zeros)));
        setupTxs.add(sign(hospital, 1, Messages.commitDataset(zeros, 569, zeros)));
        byte[] datasetId = Transactions.datasetId(hospitalAddress, 1);
        setupTxs.add(sign(hospital, 2, Messages.commitModel(CommitModel.newBuilder()
                .setWeightsCommitment(ByteString.copyFrom(model.commitment().encode()))
                .setCircuitDescription(ByteString.copyFrom(model.description().encode()))
                .setDatasetId(ByteString.copyFrom(datasetId)).setPrice(10).setPolicyHash(zeros).build())));
        byte[] modelId = Transactions.modelId(hospitalAddress, 2);
        for (int e = 1; e < epochs.size(); e++) {
            setupTxs.add(sign(hospital, 2 + e, Messages.recommitModel(ByteString.copyFrom(modelId),
                    ByteString.copyFrom(epochs.get(e).commitment().encode()), ByteString.copyFrom(epochs.get(e - 1).linkTo(epochs.get(e))))));
        }
        long firstFulfilSequence = 2 + epochs.size();

        fulfilTxs = new ArrayList<>();
        for (int i = 0; i < txs; i++) {
            long[] x = q.quantized().spec().quantiseInput(test.features()[i % test.rows()]);
            RequesterCommitments rc = RequesterCommitments.commit(model.model(), x, ("bench request " + i).getBytes(StandardCharsets.UTF_8));
            setupTxs.add(sign(clinician, i, Messages.requestPrediction(RequestPrediction.newBuilder()
                    .setModelId(ByteString.copyFrom(modelId)).setFee(10)
                    .setInputCommitment(ByteString.copyFrom(rc.input().encode()))
                    .setMaskCommitment(ByteString.copyFrom(rc.mask().encode()))
                    .setEncryptedPayload(ByteString.copyFrom(new byte[256]))
                    .setDeadlineHeight(100).build())));
            CommittedModel epoch = epochs.get(i / k);
            InferenceProof p = InferenceProver.prove(epoch, IntInterpreter.run(model.model(), x), rc, i);
            fulfilTxs.add(sign(hospital, firstFulfilSequence + i, Messages.fulfillPrediction(
                    ByteString.copyFrom(Transactions.requestId(clinicianAddress, i)),
                    ByteString.copyFrom(new MaskedOutput(p.maskedOutputs().get(0)).encode()),
                    ByteString.copyFrom(p.bytes()), i / k)));
        }
        transferTxs = new ArrayList<>();
        for (int i = 0; i < txs; i++) {
            transferTxs.add(sign(clinician, txs + i, Messages.transfer(hospital.address(), 1)));
        }
    }

    private static TxSigner signer(String name) {
        return new TxSigner(CHAIN, Hashes.sha256(("bench " + name).getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sign(TxSigner signer, long sequence, TxBody.Builder body) {
        return signer.sign(body, sequence, 0).bytes().toByteArray();
    }

    /** A fresh ledger with the provider, its model and {@code txs} pending requests committed. */
    @Setup(Level.Invocation)
    public void freshLedger() throws IOException {
        dir = Files.createTempDirectory("zkgw-ledger-bench");
        app = new ZkgwApplication(dir);
        app.initChain(RequestInitChain.newBuilder().setChainId(CHAIN).setInitialHeight(1)
                .setAppStateBytes(ByteString.copyFromUtf8("{\"params\":{\"min_tx_fee\":\"0\",\"max_deadline_blocks\":\"1000\"},"
                        + "\"accounts\":[{\"address\":\"" + Hashes.hex(hospital.address().toByteArray()) + "\",\"balance\":\"1000000\"},"
                        + "{\"address\":\"" + Hashes.hex(clinician.address().toByteArray()) + "\",\"balance\":\"1000000\"}]}"))
                .build());
        height = 0;
        block(setupTxs);
    }

    @TearDown(Level.Invocation)
    public void dropLedger() throws IOException {
        app.close();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private ResponseFinalizeBlock block(List<byte[]> body) {
        height++;
        RequestFinalizeBlock.Builder req = RequestFinalizeBlock.newBuilder().setHeight(height)
                .setTime(Timestamp.newBuilder().setSeconds(1_700_000_000L + height));
        body.forEach(tx -> req.addTxs(ByteString.copyFrom(tx)));
        ResponseFinalizeBlock res = app.finalizeBlock(req.build());
        app.commit();
        for (ExecTxResult r : res.getTxResultsList()) {
            if (r.getCode() != 0) {
                throw new IllegalStateException("tx failed in the benchmark: code " + r.getCode() + " " + r.getLog());
            }
        }
        return res;
    }

    @Benchmark
    public ResponseFinalizeBlock fulfilBlock() {
        return block(fulfilTxs);
    }

    @Benchmark
    public ResponseFinalizeBlock transferBlock() {
        return block(transferTxs);
    }

    @Benchmark
    public int transferCheckTx() {
        int ok = 0;
        for (byte[] tx : transferTxs) {
            ResponseCheckTx r = app.checkTx(RequestCheckTx.newBuilder().setTx(ByteString.copyFrom(tx)).build());
            if (r.getCode() != 0) {
                throw new IllegalStateException("CheckTx failed: " + r.getLog());
            }
            ok++;
        }
        return ok;
    }
}
