package io.zkgw.bench;

import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.FieldVec;
import io.zkgw.prover.pcs.EvalClaim;
import io.zkgw.prover.pcs.tensor.TensorOpeningProof;
import io.zkgw.prover.pcs.tensor.TensorPcsParams;
import io.zkgw.prover.pcs.tensor.TensorPcsProver;
import io.zkgw.prover.pcs.tensor.TensorProverData;
import io.zkgw.prover.poly.Mle;
import io.zkgw.prover.transcript.Transcript;
import java.util.ArrayList;
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
 * The joint opening of a batch's requester commitments, as an inference proof makes it: {@code trees} hiding
 * commitments (parameters {@link TensorPcsParams#HIDING}, four mask rows each) of one polynomial of 2^logN
 * entries, opened together at one point with one claim per tree. A hiding commitment opens once, so every
 * invocation opens fresh commitments (made in the untimed set-up).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JointOpeningBench {
    /** Requests in the batch (one tree each). */
    @Param({"8", "64"})
    public int trees;

    /** Entries of each committed polynomial (bc_logreg's padded input is 2^6, digits' 2^7). */
    @Param({"6"})
    public int logN;

    final TensorPcsProver pcs = new TensorPcsProver(TensorPcsParams.HIDING);
    final SplittableRandom rng = new SplittableRandom(7);
    List<TensorProverData> data;
    List<EvalClaim> claims;

    @Setup(Level.Invocation)
    public void commitFresh() {
        ExtVector z = ExtVector.of(FieldVec.random(rng, logN), FieldVec.random(rng, logN));
        data = new ArrayList<>(trees);
        claims = new ArrayList<>(trees);
        for (int i = 0; i < trees; i++) {
            long[] poly = FieldVec.random(rng, 1 << logN);
            byte[] seed = new byte[32];
            rng.nextBytes(seed);
            data.add(pcs.commit(List.of(poly), seed));
            claims.add(new EvalClaim(i, z, Mle.evaluate(poly, z)));
        }
    }

    @Benchmark
    public TensorOpeningProof openJoint() {
        return pcs.openJoint(data, claims, Transcript.create("bench", 1));
    }
}
