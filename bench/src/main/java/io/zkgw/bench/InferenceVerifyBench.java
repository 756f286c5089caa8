package io.zkgw.bench;

import io.zkgw.inference.data.CsvDataset;
import io.zkgw.ir.IntInterpreter;
import io.zkgw.ir.Witness;
import io.zkgw.prover.VerificationException;
import io.zkgw.prover.inference.CommittedModel;
import io.zkgw.prover.inference.InferenceProof;
import io.zkgw.prover.inference.InferenceProver;
import io.zkgw.prover.inference.InferenceVerifier;
import io.zkgw.prover.inference.RequestStatement;
import io.zkgw.prover.inference.RequesterCommitments;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the ledger does for every FulfillPrediction: verify one zero-knowledge inference proof of a fixture model
 * (`InferenceVerifier.verify`, the public entry point, from D, the model commitment, the statements and the proof
 * bytes). The proof is made once in the set-up; the fixture is read as {@link BenchFixtures} says.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class InferenceVerifyBench {
    @Param({"bc_logreg", "bc_mlp", "digits_cnn"})
    public String model;

    @Param({"1", "8"})
    public int batch;

    CommittedModel cm;
    List<RequestStatement> statements;
    byte[] proof;

    @Setup
    public void setup() throws Exception {
        var q = BenchFixtures.quantise(model);
        CsvDataset test = BenchFixtures.test(model);
        cm = CommittedModel.commit(q.quantized().intModel());
        List<Witness> ws = new ArrayList<>();
        List<RequesterCommitments> rqs = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            long[] x = q.quantized().spec().quantiseInput(test.features()[b]);
            ws.add(IntInterpreter.run(q.quantized().intModel(), x));
            rqs.add(RequesterCommitments.commit(cm.description(), x, new byte[] {(byte) b, 7}));
        }
        InferenceProof p = InferenceProver.prove(cm, ws, rqs, 1);
        statements = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            statements.add(new RequestStatement(rqs.get(b).input(), rqs.get(b).mask(), p.maskedOutputs().get(b)));
        }
        proof = p.bytes();
    }

    @Benchmark
    public List<RequestStatement> verify() throws VerificationException {
        InferenceVerifier.verify(cm.description(), cm.commitment(), statements, proof);
        return statements;
    }
}
