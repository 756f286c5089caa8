package io.zkgw.bench;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.FieldVec;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.poly.MleTable;
import io.zkgw.prover.sumcheck.SumOfProducts;
import io.zkgw.prover.sumcheck.SumcheckProver;
import io.zkgw.prover.sumcheck.SumcheckVerifier;
import io.zkgw.prover.transcript.Transcript;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sumcheck prover for Σ_x A(x)·B(x) over 2^logN entries (degree 2, both tables in the base field), as
 * in a matrix-product layer. The tables are copied before every invocation (folding consumes them);
 * the copy is outside the measured time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SumcheckBench {
    @Param({"20"})
    public int logN;

    long[] a;
    long[] b;
    Ext2 claim;
    SumcheckProver.Instance instance;
    SumcheckProver.Output output;
    SumOfProducts form = SumOfProducts.product(2);

    @Setup(Level.Trial)
    public void data() {
        SplittableRandom rng = new SplittableRandom(3);
        a = FieldVec.random(rng, 1 << logN);
        b = FieldVec.random(rng, 1 << logN);
        claim = Ext2.ofBase(FieldVec.innerProduct(a, b));
        output = SumcheckProver.prove(List.of(fresh()), Transcript.create("bench", 1));
        if (Goldilocks.P == 0) {
            throw new AssertionError();
        }
    }

    SumcheckProver.Instance fresh() {
        return new SumcheckProver.Instance(form, List.of(MleTable.ofBase(a), MleTable.ofBase(b)), claim);
    }

    @Setup(Level.Invocation)
    public void copy() {
        instance = fresh();
    }

    @Benchmark
    public SumcheckProver.Output prove() {
        return SumcheckProver.prove(List.of(instance), Transcript.create("bench", 1));
    }

    @Benchmark
    public SumcheckVerifier.Result verify() throws Exception {
        return SumcheckVerifier.verify(List.of(instance.toClaim()), output.proof(), Transcript.create("bench", 1));
    }
}
