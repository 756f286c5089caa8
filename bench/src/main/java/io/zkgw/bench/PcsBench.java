package io.zkgw.bench;

import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.FieldVec;
import io.zkgw.prover.pcs.EvalClaim;
import io.zkgw.prover.pcs.tensor.TensorOpeningProof;
import io.zkgw.prover.pcs.tensor.TensorPcs;
import io.zkgw.prover.pcs.tensor.TensorProverData;
import io.zkgw.prover.poly.Mle;
import io.zkgw.prover.transcript.Transcript;
import java.util.List;
import java.util.SplittableRandom;
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
 * Tensor PCS with the standard parameters (rate 1/4, 246 queries) on one polynomial of 2^logN entries
 * opened at one Ext2 point. commit and open use all cores (common fork-join pool); verify is one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class PcsBench {
    @Param({"16", "18", "20", "22"})
    public int logN;

    final TensorPcs pcs = TensorPcs.standard();
    List<long[]> polys;
    TensorProverData data;
    List<EvalClaim> claims;
    byte[] proof;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(4);
        polys = List.of(FieldVec.random(rng, 1 << logN));
        data = pcs.commit(polys);
        ExtVector z = ExtVector.of(FieldVec.random(rng, logN), FieldVec.random(rng, logN));
        claims = List.of(new EvalClaim(0, z, Mle.evaluate(polys.getFirst(), z)));
        proof = pcs.open(data, claims, Transcript.create("bench", 1)).encode();
    }

    @Benchmark
    public TensorProverData commit() {
        return pcs.commit(polys);
    }

    @Benchmark
    public TensorOpeningProof open() {
        return pcs.open(data, claims, Transcript.create("bench", 1));
    }

    /** Decode + verify of the encoded proof. */
    @Benchmark
    public int verify() throws Exception {
        pcs.verifyEncoded(data.commitment(), List.of(logN), claims, proof, Transcript.create("bench", 1));
        return proof.length;
    }
}
