package io.zkgw.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.zkgw.chainapp.app.Transactions;
import io.zkgw.chainapp.app.ZkgwApplication;
import io.zkgw.chainapp.crypto.Ed25519;
import io.zkgw.chainapp.crypto.Hashes;
import io.zkgw.chainapp.proto.CommitDataset;
import io.zkgw.chainapp.proto.CommitModel;
import io.zkgw.chainapp.proto.FulfillPrediction;
import io.zkgw.chainapp.proto.RegisterProvider;
import io.zkgw.chainapp.proto.RequestPrediction;
import io.zkgw.chainapp.proto.Transfer;
import io.zkgw.chainapp.proto.TxBody;
import io.zkgw.inference.ModelPipeline;
import io.zkgw.inference.data.CsvDataset;
import io.zkgw.inference.quant.QuantConfig;
import io.zkgw.ir.IntInterpreter;
import io.zkgw.prover.inference.CommittedModel;
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
import java.util.Map;
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
 * Run from the repository root (the fixtures are read from inference/src/test/resources/fixtures).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 3)
@Measurement(iterations = 10)
public class LedgerBench {
    private static final String CHAIN = "zkgw-bench";
    private static final Path FIXTURES = Path.of("inference/src/test/resources/fixtures");

    @Param({"20", "64"})
    public int txs;

    private record Key(byte[] seed, byte[] publicKey, byte[] address) {
        static Key of(String name) {
            byte[] seed = Hashes.sha256(("bench " + name).getBytes(StandardCharsets.UTF_8));
            byte[] pk = Ed25519.fromSeed(seed).publicKey();
            return new Key(seed, pk, Transactions.address(pk));
        }

        byte[] sign(long seq, TxBody.Builder body) {
            return Transactions.sign(CHAIN, body.setSignerPublicKey(ByteString.copyFrom(publicKey)).setSequence(seq).build(), seed);
        }
    }

    private final Key hospital = Key.of("hospital");
    private final Key clinician = Key.of("clinician");
    private List<byte[]> setupTxs;
    private List<byte[]> fulfilTxs;
    private List<byte[]> transferTxs;
    private Path dir;
    private ZkgwApplication app;
    private long height;

    @Setup(Level.Trial)
    public void prepare() {
        var q = ModelPipeline.quantize(FIXTURES.resolve("bc_mlp.onnx"), FIXTURES.resolve("breast_cancer_calib.csv"),
                QuantConfig.DEFAULT, Map.of(), List.of(), "bc_mlp");
        CommittedModel model = CommittedModel.commit(q.quantized().intModel());
        CsvDataset test = CsvDataset.read(FIXTURES.resolve("breast_cancer_test.csv"));

        setupTxs = new ArrayList<>();
        setupTxs.add(hospital.sign(0, TxBody.newBuilder().setRegisterProvider(RegisterProvider.newBuilder()
                .setName("bench hospital").setHpkePublicKey(ByteString.copyFrom(new byte[32])))));
        setupTxs.add(hospital.sign(1, TxBody.newBuilder().setCommitDataset(CommitDataset.newBuilder()
                .setMerkleRoot(ByteString.copyFrom(new byte[32])).setRecordCount(569).setSchemaHash(ByteString.copyFrom(new byte[32])))));
        byte[] datasetId = Transactions.datasetId(hospital.address, 1);
        setupTxs.add(hospital.sign(2, TxBody.newBuilder().setCommitModel(CommitModel.newBuilder()
                .setWeightsCommitment(ByteString.copyFrom(model.commitment().encode()))
                .setCircuitDescription(ByteString.copyFrom(model.description().encode()))
                .setDatasetId(ByteString.copyFrom(datasetId)).setPrice(10).setPolicyHash(ByteString.copyFrom(new byte[32])))));
        byte[] modelId = Transactions.modelId(hospital.address, 2);

        fulfilTxs = new ArrayList<>();
        for (int i = 0; i < txs; i++) {
            long[] x = q.quantized().spec().quantiseInput(test.features()[i % test.rows()]);
            RequesterCommitments rc = RequesterCommitments.commit(model.model(), x, ("bench request " + i).getBytes(StandardCharsets.UTF_8));
            setupTxs.add(clinician.sign(i, TxBody.newBuilder().setRequestPrediction(RequestPrediction.newBuilder()
                    .setModelId(ByteString.copyFrom(modelId)).setFee(10)
                    .setInputCommitment(ByteString.copyFrom(rc.input().encode()))
                    .setMaskCommitment(ByteString.copyFrom(rc.mask().encode()))
                    .setEncryptedPayload(ByteString.copyFrom(new byte[256]))
                    .setDeadlineHeight(100))));
            InferenceProof p = InferenceProver.prove(model, IntInterpreter.run(model.model(), x), rc, i);
            fulfilTxs.add(hospital.sign(3 + i, TxBody.newBuilder().setFulfillPrediction(FulfillPrediction.newBuilder()
                    .setRequestId(ByteString.copyFrom(Transactions.requestId(clinician.address, i)))
                    .setMaskedOutput(ByteString.copyFrom(new MaskedOutput(p.maskedOutputs().get(0)).encode()))
                    .setProof(ByteString.copyFrom(p.bytes())))));
        }
        transferTxs = new ArrayList<>();
        for (int i = 0; i < txs; i++) {
            transferTxs.add(clinician.sign(txs + i, TxBody.newBuilder().setTransfer(Transfer.newBuilder()
                    .setTo(ByteString.copyFrom(hospital.address)).setAmount(1))));
        }
    }

    /** A fresh ledger with the provider, its model and {@code txs} pending requests committed. */
    @Setup(Level.Invocation)
    public void freshLedger() throws IOException {
        dir = Files.createTempDirectory("zkgw-ledger-bench");
        app = new ZkgwApplication(dir);
        app.initChain(RequestInitChain.newBuilder().setChainId(CHAIN).setInitialHeight(1)
                .setAppStateBytes(ByteString.copyFromUtf8("{\"params\":{\"min_tx_fee\":\"0\",\"max_deadline_blocks\":\"1000\"},"
                        + "\"accounts\":[{\"address\":\"" + Hashes.hex(hospital.address) + "\",\"balance\":\"1000000\"},"
                        + "{\"address\":\"" + Hashes.hex(clinician.address) + "\",\"balance\":\"1000000\"}]}"))
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
