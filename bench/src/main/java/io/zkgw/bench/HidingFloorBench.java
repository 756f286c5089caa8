package io.zkgw.bench;

import io.zkgw.prover.field.FieldVec;
import io.zkgw.prover.hash.AesPrg;
import io.zkgw.prover.pcs.tensor.TensorPcsParams;
import io.zkgw.prover.pcs.tensor.TensorPcsProver;
import io.zkgw.prover.pcs.tensor.TensorProverData;
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
 * The fixed commitments that a zero-knowledge inference proof makes and a plain one does not, each timed alone: the
 * floor under the zero-knowledge overhead of a model whose whole plain proof takes about a millisecond
 * (docs/performance.md, "The floor under a small model's overhead").
 *
 * <ul>
 *   <li>{@link #weightMasks}: the fresh masks of one proof's opening of C_W, four rows of C_W's codeword. Its length
 *       is set by the proof budget: C_W's padding is 180·(budget + 2) entries per row, so at the default budget 11
 *       every fixture's codeword has N = 8,192, at budget 4 N = 4,096.</li>
 *   <li>{@link #requesterHiding} against {@link #requesterPlain}: one request's C_x as the payload check computes it,
 *       a polynomial of 2^6 entries (bc_logreg's padded input), hiding (180 padding entries, four mask rows, salted
 *       leaves: N = 1,024) and plain (N = 128).</li>
 * </ul>
 *
 * Every invocation draws fresh blinding, as a proof does; the data are fixed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HidingFloorBench {
    /** C_W's parameters: only {@link #weightMasks} reads them, so the request benchmarks run once. */
    @State(Scope.Benchmark)
    public static class Weights {
        /** The proof budget K of the model commitment (C_W is laid out for K + 2 openings: K proofs and two links). */
        @Param({"11", "4"})
        public int budget;

        /** Column bits of C_W (bc_logreg and bc_mlp: 7). */
        @Param({"7"})
        public int logCols;

        TensorPcsProver pcs;

        @Setup
        public void setup() {
            pcs = new TensorPcsProver(TensorPcsParams.HIDING.withOpeningBudget(budget + 2));
        }
    }

    final SplittableRandom rng = new SplittableRandom(11);
    final TensorPcsProver hidingPcs = new TensorPcsProver(TensorPcsParams.HIDING);
    final TensorPcsProver plainPcs = new TensorPcsProver(TensorPcsParams.STANDARD);
    long[] input;

    @Setup
    public void setup() {
        input = FieldVec.random(rng, 1 << 6);
    }

    @Benchmark
    public TensorProverData weightMasks(Weights w) {
        byte[] seed = new byte[32];
        rng.nextBytes(seed);
        return w.pcs.commitMasks(w.logCols, new AesPrg(TensorPcsProver.BLINDING_DOMAIN, seed));
    }

    @Benchmark
    public TensorProverData requesterHiding() {
        byte[] seed = new byte[32];
        rng.nextBytes(seed);
        return hidingPcs.commit(List.of(input), seed);
    }

    @Benchmark
    public TensorProverData requesterPlain() {
        return plainPcs.commit(List.of(input));
    }
}
