package io.zkgw.bench;

import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.FieldVec;
import io.zkgw.prover.pcs.EvalClaim;
import io.zkgw.prover.pcs.tensor.TensorLayout;
import io.zkgw.prover.pcs.tensor.TensorOpeningProof;
import io.zkgw.prover.pcs.tensor.TensorPcs;
import io.zkgw.prover.pcs.tensor.TensorPcsParams;
import io.zkgw.prover.pcs.tensor.TensorProverData;
import io.zkgw.prover.pcs.tensor.TensorSoundness;
import io.zkgw.prover.poly.Mle;
import io.zkgw.prover.transcript.Transcript;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Prints, per size, the matrix shape, the opening-proof size (one polynomial, one point) and the
 * soundness bound. Deterministic, so not a JMH benchmark:
 * {@code java -cp bench/target/benchmarks.jar io.zkgw.bench.ProofSizeReport 16 18 20 22}.
 */
public final class ProofSizeReport {
    private ProofSizeReport() {}

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {16, 18, 20, 22} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        TensorPcs pcs = TensorPcs.standard();
        System.out.println("| entries | cols × rows | codeword | distinct columns opened | Merkle siblings | proof bytes | PCS soundness (bits) |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        for (int n : sizes) {
            SplittableRandom rng = new SplittableRandom(n);
            long[] p = FieldVec.random(rng, 1 << n);
            TensorProverData data = pcs.commit(List.of(p));
            ExtVector z = ExtVector.of(FieldVec.random(rng, n), FieldVec.random(rng, n));
            List<EvalClaim> claims = List.of(new EvalClaim(0, z, Mle.evaluate(p, z)));
            TensorOpeningProof proof = pcs.open(data, claims, Transcript.create("size", 1));
            TensorLayout l = TensorLayout.of(TensorPcsParams.STANDARD, List.of(n));
            System.out.printf("| 2^%d | %d × %d | %d | %d | %d | %d | %.1f |%n", n, l.cols(), l.totalRows(), l.blockLength(),
                    proof.columns().size(), proof.siblings().size(), proof.encode().length, TensorSoundness.errorBits(l, 1));
        }
    }
}
