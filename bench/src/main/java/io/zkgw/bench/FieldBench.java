package io.zkgw.bench;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.FieldVec;
import io.zkgw.prover.field.Goldilocks;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-thread field throughput. Scores are operations per microsecond (×10^6 = per second): one
 * operation is one field multiplication (or one Ext2 multiplication, or one addition).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FieldBench {
    static final int N = 4096;
    long[] a;
    long[] b;
    long[] c;
    long[] d;
    long[] out;
    long[] out2;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(1);
        a = FieldVec.random(rng, N);
        b = FieldVec.random(rng, N);
        c = FieldVec.random(rng, N);
        d = FieldVec.random(rng, N);
        out = new long[N];
        out2 = new long[N];
    }

    /** Independent multiplications: out[i] = a[i]·b[i] (throughput, what hot loops see). */
    @Benchmark
    @OperationsPerInvocation(N)
    public long[] mulVector() {
        long[] x = a;
        long[] y = b;
        long[] o = out;
        for (int i = 0; i < N; i++) {
            o[i] = Goldilocks.mul(x[i], y[i]);
        }
        return o;
    }

    /** A dependency chain acc = acc·a[i] (latency bound: the worst case for a reduction). */
    @Benchmark
    @OperationsPerInvocation(N)
    public long mulChain() {
        long acc = 1;
        for (int i = 0; i < N; i++) {
            acc = Goldilocks.mul(acc, a[i]);
        }
        return acc;
    }

    /** Inner product Σ a[i]·b[i]: one multiplication and one addition per element. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long innerProduct() {
        return FieldVec.innerProduct(a, b);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long[] addVector() {
        long[] o = out;
        for (int i = 0; i < N; i++) {
            o[i] = Goldilocks.add(a[i], b[i]);
        }
        return o;
    }

    /** Ext2 products on structure-of-arrays data (3 base multiplications + one by 7 each). */
    @Benchmark
    @OperationsPerInvocation(N)
    public long[] ext2MulVector() {
        long[] o = out;
        long[] o2 = out2;
        for (int i = 0; i < N; i++) {
            long a0 = a[i];
            long a1 = b[i];
            long b0 = c[i];
            long b1 = d[i];
            long v0 = Goldilocks.mul(a0, b0);
            long v1 = Goldilocks.mul(a1, b1);
            long cross = Goldilocks.mul(Goldilocks.add(a0, a1), Goldilocks.add(b0, b1));
            o[i] = Goldilocks.add(v0, Goldilocks.mul(Ext2.W, v1));
            o2[i] = Goldilocks.sub(Goldilocks.sub(cross, v0), v1);
        }
        return o;
    }
}
