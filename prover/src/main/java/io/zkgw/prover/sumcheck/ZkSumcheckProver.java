package io.zkgw.prover.sumcheck;

import static io.zkgw.prover.field.Goldilocks.add;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.transcript.Transcript;
import java.util.List;

/**
 * Prover of the zero-knowledge batched sumcheck ({@link ZkSumcheckVerifier}): the plain prover's rounds
 * plus ρ_m times the masking polynomial's round polynomial, which has a closed form. For round j (0-based)
 * with m = n − j − 1 variables still summed,
 * <pre>
 *   s^g_j(X) = 2^m·(a_0 + Σ_{i&lt;j} g_i(r_i) + g_j(X)) + 2^(m−1)·Σ_{i&gt;j} g_i(1)      (last term only if m ≥ 1)
 * </pre>
 * since g_i(0) = 0 and g_i(1) = Σ_k c_{i,k}. Its cost is O(n·D) per round, nothing next to the tables.
 */
public final class ZkSumcheckProver {
    private ZkSumcheckProver() {}

    /** The proof, the point (r_1..r_n), per instance the final values, and g(r). */
    public record Output(ZkSumcheckProof proof, ExtVector point, List<ExtVector> finalEvals, Ext2 maskValue) {}

    public static Output prove(List<SumcheckProver.Instance> instances, SumcheckMask mask, Transcript transcript) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("no sumcheck instances");
        }
        List<SumcheckClaim> claims = instances.stream().map(SumcheckProver.Instance::toClaim).toList();
        int n = SumcheckProof.numRounds(claims);
        int d = SumcheckProof.valuesPerRound(claims);
        if (mask.numVars() != n || mask.degree() != d) {
            throw new IllegalArgumentException("the mask has n = " + mask.numVars() + ", D = " + mask.degree() + "; the sumcheck n = " + n
                    + ", D = " + d);
        }
        Ext2 maskSum = mask.sum();
        List<Ext2> rho = ZkSumcheckVerifier.absorbClaimsAndBatch(claims, maskSum, transcript);
        Ext2 rhoMask = rho.get(instances.size());

        SumcheckProver.BatchedRounds batched = new SumcheckProver.BatchedRounds(instances, rho, n, d);
        // a_0 + Σ_{i<j} g_i(r_i), and Σ_{i>j} g_i(1)
        Ext2 prefix = Ext2.ofBase(mask.a0());
        long suffix = 0;
        for (int i = 1; i < n; i++) {
            suffix = add(suffix, mask.univariateAtOne(i));
        }

        for (int round = 0; round < n; round++) {
            long[][] v = batched.values(round);
            long[] sRe = v[0];
            long[] sIm = v[1];
            int m = n - round - 1;
            long scaleM = Goldilocks.pow(2, m);
            Ext2 tail = m >= 1 ? Ext2.ofBase(Goldilocks.mul(Goldilocks.pow(2, m - 1), suffix)) : Ext2.ZERO;
            for (int t = 0; t < d; t++) {
                Ext2 x = Ext2.ofBase(t == 0 ? 0 : t + 1); // nodes 0, 2, 3, .., D
                Ext2 g = prefix.add(mask.univariate(round, x)).mulBase(scaleM).add(tail).mul(rhoMask);
                sRe[t] = add(sRe[t], g.c0());
                sIm[t] = add(sIm[t], g.c1());
            }
            Ext2 r = batched.send(round, ExtVector.ownedBy(sRe, sIm), transcript);
            prefix = prefix.add(mask.univariate(round, r));
            if (round + 1 < n) {
                suffix = Goldilocks.sub(suffix, mask.univariateAtOne(round + 1));
            }
        }

        List<ExtVector> finals = batched.absorbFinals(transcript);
        ExtVector point = batched.point();
        Ext2 maskValue = prefix; // a_0 + Σ_i g_i(r_i) = g(r)
        transcript.absorbExt(SumcheckLabels.MASK_VALUE, maskValue);
        return new Output(new ZkSumcheckProof(maskSum, batched.rounds(), finals, maskValue), point, finals, maskValue);
    }
}
