package io.zkgw.bench;

import io.zkgw.prover.field.FieldVec;
import io.zkgw.prover.ntt.Ntt;
import io.zkgw.prover.ntt.ReedSolomon;
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

/** One forward NTT of size 2^logN (single thread), and one Reed–Solomon encoding to 2^logN at rate 1/4 and at the hiding capacity 1/2. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class NttBench {
    @Param({"13", "16", "17", "18", "19", "20"})
    public int logN;

    long[] data;
    Ntt ntt;
    ReedSolomon rs;
    ReedSolomon rsHiding;

    @Setup
    public void setup() {
        data = FieldVec.random(new SplittableRandom(2), 1 << logN);
        ntt = Ntt.of(logN);
        rs = new ReedSolomon(logN - 2, 2);
        rsHiding = new ReedSolomon(logN - 1, 1);
    }

    @Benchmark
    public long[] forward() {
        ntt.forward(data);
        return data;
    }

    @Benchmark
    public long[] inverse() {
        ntt.inverse(data);
        return data;
    }

    /** Message of 2^(logN-2) encoded to 2^logN on the coset (what a PCS row costs). */
    @Benchmark
    public long[] rsEncodeRate4() {
        return rs.encode(data, 0);
    }

    /**
     * Message capacity 2^(logN-1) encoded to 2^logN: the hiding code's encoder (messages of K = k + padding ≤ N/3
     * entries, zero-padded to N/2; logN = 13 is a proof's weight masks at the default budget).
     */
    @Benchmark
    public long[] rsEncodeHiding() {
        return rsHiding.encode(data, 0);
    }
}
