package io.zkgw.chainapp.app;

import io.zkgw.inference.ModelPipeline;
import io.zkgw.inference.data.CsvDataset;
import io.zkgw.inference.quant.QuantConfig;
import io.zkgw.inference.quant.QuantSpec;
import io.zkgw.ir.IntInterpreter;
import io.zkgw.prover.inference.CommittedModel;
import io.zkgw.prover.inference.InferenceProof;
import io.zkgw.prover.inference.InferenceProver;
import io.zkgw.prover.inference.MaskedOutput;
import io.zkgw.prover.inference.RequesterCommitments;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The breast-cancer MLP fixture, quantised and committed once per test JVM, with real requester commitments
 * and real proofs: what a hospital and a clinician put on the ledger. Nothing here is a stand-in.
 */
public final class ProvedModel {
    private static final Path FIXTURES = Path.of("../inference/src/test/resources/fixtures");
    public static final ProvedModel BC_MLP = load("bc_mlp", "breast_cancer");

    public final CommittedModel committed;
    public final QuantSpec spec;
    public final CsvDataset test;

    /** A clinician's request: commitments and the opening (x, r) the hospital receives encrypted. */
    public record Request(int row, byte[] seed, RequesterCommitments commitments) {
        public byte[] inputCommitment() {
            return commitments.input().encode();
        }

        public byte[] maskCommitment() {
            return commitments.mask().encode();
        }
    }

    /** What the hospital posts: the masked output z = y + r and the proof. */
    public record Fulfilment(byte[] maskedOutput, byte[] proof, long[] z) {}

    private ProvedModel(CommittedModel committed, QuantSpec spec, CsvDataset test) {
        this.committed = committed;
        this.spec = spec;
        this.test = test;
    }

    private static ProvedModel load(String model, String data) {
        var q = ModelPipeline.quantize(FIXTURES.resolve(model + ".onnx"), FIXTURES.resolve(data + "_calib.csv"),
                QuantConfig.DEFAULT, Map.of(), List.of(), model);
        return new ProvedModel(CommittedModel.commit(q.quantized().intModel()), q.quantized().spec(),
                CsvDataset.read(FIXTURES.resolve(data + "_test.csv")));
    }

    public byte[] weightsCommitment() {
        return committed.commitment().encode();
    }

    public byte[] circuitDescription() {
        return committed.description().encode();
    }

    public Request request(int row, String seedLabel) {
        byte[] seed = ("request seed " + seedLabel).getBytes(StandardCharsets.UTF_8);
        long[] x = spec.quantiseInput(test.features()[row]);
        return new Request(row, seed, RequesterCommitments.commit(committed.model(), x, seed));
    }

    public Fulfilment prove(Request r) {
        long[] x = r.commitments().opening().x();
        InferenceProof p = InferenceProver.prove(committed, IntInterpreter.run(committed.model(), x), r.commitments(), 7L);
        long[] z = p.maskedOutputs().get(0);
        return new Fulfilment(new MaskedOutput(z).encode(), p.bytes(), z);
    }
}
