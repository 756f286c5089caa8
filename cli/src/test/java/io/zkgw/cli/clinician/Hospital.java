package io.zkgw.cli.clinician;

import com.google.protobuf.ByteString;
import io.zkgw.chainapp.crypto.Hashes;
import io.zkgw.chainapp.proto.CommitModel;
import io.zkgw.chainapp.proto.PredictionRequest;
import io.zkgw.chainclient.query.LedgerPaths;
import io.zkgw.chainclient.query.LedgerQueries;
import io.zkgw.chainclient.rpc.CometRpcClient;
import io.zkgw.chainclient.rpc.TxRecord;
import io.zkgw.chainclient.tx.Messages;
import io.zkgw.chainclient.tx.TxBroadcaster;
import io.zkgw.chainclient.tx.TxSigner;
import io.zkgw.chainclient.types.Hex;
import io.zkgw.envelope.HpkeKeyPair;
import io.zkgw.envelope.Opened;
import io.zkgw.envelope.PublicRequest;
import io.zkgw.envelope.RequestEnvelope;
import io.zkgw.inference.ModelPipeline;
import io.zkgw.inference.card.ModelCard;
import io.zkgw.inference.card.ZkmFile;
import io.zkgw.inference.data.CsvDataset;
import io.zkgw.inference.quant.Evaluation;
import io.zkgw.inference.quant.QuantConfig;
import io.zkgw.ir.IntInterpreter;
import io.zkgw.ir.IntModel;
import io.zkgw.prover.inference.CommittedModel;
import io.zkgw.prover.inference.InferenceProof;
import io.zkgw.prover.inference.InferenceProver;
import io.zkgw.prover.inference.MaskedOutput;
import io.zkgw.prover.inference.RequesterCommitments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The hospital's side in the clinician tests, on the real ledger: registers as a provider with a real HPKE
 * key, commits a dataset and the real breast-cancer MLP (quantised from the fixture, committed with the
 * prover, its card.json from the .zkm on the ledger), and answers requests the way the gateway does —
 * opens the envelope, runs the integer model, proves, fulfils — or rejects them.
 */
final class Hospital {
    static final Path FIXTURES = Path.of("../inference/src/test/resources/fixtures");
    static final List<String> LABELS = List.of("malignant", "benign");

    /** The quantised model, its card (bytes exactly as in the .zkm), its commitment, and the test split. */
    record Fixture(IntModel model, ModelCard card, byte[] cardBytes, CommittedModel committed, CsvDataset test) {
        /** The interpreter's decision on x, read with the card (what the clinician must see). */
        String decision(long[] x) {
            long[] y = IntInterpreter.run(model, x).output();
            return card.labelOf(Evaluation.predictClass(card.spec().dequantiseOutput(y)));
        }

        /** patient.json for a test row: the card's feature names with the row's values. */
        Map<String, Double> patient(int row) {
            Map<String, Double> m = new java.util.LinkedHashMap<>();
            List<String> names = card.input().features();
            for (int i = 0; i < names.size(); i++) {
                m.put(names.get(i), test.features()[row][i]);
            }
            return m;
        }
    }

    static final Fixture BC = load();

    private static Fixture load() {
        var q = ModelPipeline.quantize(FIXTURES.resolve("bc_mlp.onnx"), FIXTURES.resolve("breast_cancer_calib.csv"),
                QuantConfig.DEFAULT, Map.of(), LABELS, "bc_mlp");
        try {
            Path dir = Files.createTempDirectory("zkgw-hospital");
            Path zkm = dir.resolve("bc_mlp.zkm");
            ZkmFile.write(zkm, q.quantized().intModel(), q.card());
            byte[] card = ModelCards.fromZkm(zkm);
            ZkmFile.Loaded loaded = ZkmFile.read(zkm);
            Files.delete(zkm);
            Files.delete(dir);
            return new Fixture(loaded.model(), loaded.card(), card, CommittedModel.commit(loaded.model()),
                    CsvDataset.read(FIXTURES.resolve("breast_cancer_test.csv")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    final String chainId;
    final TxSigner signer;
    final HpkeKeyPair hpke = HpkeKeyPair.generate(new SecureRandom());
    private CometRpcClient rpc;
    private LedgerQueries queries;

    /** The address is known before the node starts (genesis funds it); {@link #attach} gives the node. */
    Hospital(String chainId, String name) {
        this.chainId = chainId;
        this.signer = new TxSigner(chainId, Hashes.sha256(("hospital " + name).getBytes(StandardCharsets.UTF_8)));
    }

    Hospital attach(CometRpcClient client) {
        this.rpc = client;
        this.queries = new LedgerQueries(client);
        return this;
    }

    String address() {
        return Hex.lower(signer.address());
    }

    TxRecord send(io.zkgw.chainapp.proto.TxBody.Builder body) throws Exception {
        long seq = queries.account(signer.address()).sequence();
        return new TxBroadcaster(rpc).submitAndWait(signer.sign(body, seq, 1), Duration.ofSeconds(30));
    }

    void register() throws Exception {
        send(Messages.registerProvider("St. Example Hospital", ByteString.copyFrom(hpke.publicKey())));
    }

    /** Commits a dataset and the model with {@code card} (bytes as given); returns the model id. */
    String commitModel(long price, byte[] card) throws Exception {
        return commitModel(price, card, BC.committed());
    }

    /** The same with a given commitment of the breast-cancer model (its epoch 0). */
    String commitModel(long price, byte[] card, CommittedModel epoch0) throws Exception {
        TxRecord ds = send(Messages.commitDataset(ByteString.copyFrom(Hashes.sha256(new byte[] {1})), 569,
                ByteString.copyFrom(Hashes.sha256(new byte[] {2}))));
        CommitModel m = CommitModel.newBuilder()
                .setWeightsCommitment(ByteString.copyFrom(epoch0.commitment().encode()))
                .setCircuitDescription(ByteString.copyFrom(epoch0.description().encode()))
                .setDatasetId(ds.result().data())
                .setPrice(price)
                .setPolicyHash(ByteString.copyFrom(new byte[32]))
                .setModelCard(ByteString.copyFrom(card))
                .build();
        return Hex.lower(send(Messages.commitModel(m)).result().data());
    }

    /** What the gateway does every K/2 proofs: commits the model again under another key, linked to its latest epoch. */
    void recommit(String modelId, CommittedModel latest, CommittedModel next) throws Exception {
        send(Messages.recommitModel(Hex.parse(modelId), ByteString.copyFrom(next.commitment().encode()),
                ByteString.copyFrom(latest.linkTo(next))));
    }

    PredictionRequest pending(String requestId) throws Exception {
        return PredictionRequest.parseFrom(queries.read(LedgerPaths.REQUEST, Hex.parse(requestId).toByteArray(), false).value());
    }

    /** What the gateway does with an admitted request: open, check, run, prove, post. Returns x. */
    long[] fulfil(String requestId) throws Exception {
        Opened.Accepted a = open(requestId);
        Proved p = prove(a.payload().x(), a.commitments());
        send(Messages.fulfillPrediction(Hex.parse(requestId), ByteString.copyFrom(p.maskedOutput()),
                ByteString.copyFrom(p.proof()), 0));
        return a.payload().x();
    }

    /** The gateway with batching on: one proof for the requests in order, one FulfillPredictions. */
    void fulfilBatch(List<String> requestIds) throws Exception {
        List<io.zkgw.ir.Witness> ws = new java.util.ArrayList<>();
        List<RequesterCommitments> rcs = new java.util.ArrayList<>();
        for (String id : requestIds) {
            Opened.Accepted a = open(id);
            ws.add(IntInterpreter.run(BC.committed().model(), a.payload().x()));
            rcs.add(a.commitments());
        }
        InferenceProof p = InferenceProver.prove(BC.committed(), ws, rcs, 7L);
        send(Messages.fulfillPredictions(requestIds.stream().map(Hex::parse).toList(),
                p.maskedOutputs().stream().map(z -> ByteString.copyFrom(new MaskedOutput(z).encode())).toList(),
                ByteString.copyFrom(p.bytes()), 0));
    }

    private Opened.Accepted open(String requestId) throws Exception {
        PredictionRequest r = pending(requestId);
        PublicRequest pub = new PublicRequest(chainId, r.getRequester().toByteArray(), r.getModelId().toByteArray(),
                r.getInputCommitment().toByteArray(), r.getMaskCommitment().toByteArray(), r.getFee(), r.getDeadlineHeight());
        Opened o = RequestEnvelope.openAndCheck(hpke, pub, BC.committed().description(), r.getEncryptedPayload().toByteArray());
        if (!(o instanceof Opened.Accepted a)) {
            throw new AssertionError("the hospital cannot open the request: " + o);
        }
        return a;
    }

    record Proved(byte[] maskedOutput, byte[] proof) {}

    static Proved prove(long[] x, RequesterCommitments commitments) {
        InferenceProof p = InferenceProver.prove(BC.committed(), IntInterpreter.run(BC.committed().model(), x), commitments, 7L);
        return new Proved(new MaskedOutput(p.maskedOutputs().get(0)).encode(), p.bytes());
    }

    void reject(String requestId, int reason) throws Exception {
        send(Messages.rejectRequest(Hex.parse(requestId), reason));
    }
}
