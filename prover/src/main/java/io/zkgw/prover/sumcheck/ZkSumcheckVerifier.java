package io.zkgw.prover.sumcheck;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.transcript.Transcript;
import java.util.List;

/**
 * Verifier of the zero-knowledge batched sumcheck (Chiesa–Forbes–Spooner, eprint 2017/305; Libra, eprint
 * 2019/317 §4.1). Protocol, with n = max numVars, D = max(1, max degree) and a masking polynomial g of
 * degree D in each of the n variables ({@link SumcheckMask}) that the prover committed beforehand:
 * <ol>
 *   <li>absorb "sumcheck/instances", per instance "sumcheck/num-vars" and "sumcheck/claim", then the
 *       prover's G = Σ_x g(x) as "sumcheck/mask-sum";</li>
 *   <li>squeeze ρ_0..ρ_m = "sumcheck/zk-batch" (m instances and the mask); running claim
 *       c = Σ ρ_i 2^(n − n_i) claim_i + ρ_m·G;</li>
 *   <li>rounds as in {@link SumcheckVerifier}, on the polynomial Σ ρ_i f_i + ρ_m·g;</li>
 *   <li>absorb "sumcheck/final-evals" per instance and "sumcheck/mask-value" g(r); accept iff
 *       c = Σ ρ_i form_i(finals_i) + ρ_m·g(r).</li>
 * </ol>
 * Because G is fixed before ρ_m, a false claim survives only with probability 1/|K| more than in the
 * plain protocol. The caller must check the final values as usual, <em>and</em> the returned mask claim
 * ⟨coefficients of g, {@link SumcheckMask#weights}(r, D)⟩ = g(r) against the commitment to g.
 *
 * <p>What the round messages reveal: with g uniform, each round polynomial's coefficients of X^1..X^D get
 * fresh randomness from g_i, so given the final values the rounds are uniform subject to the sumcheck
 * relations (Libra, Theorem 3): only the final values (and g(r), determined by them) carry information.
 * Masking the final values themselves is the caller's business (docs/inference-proofs.md §11).
 */
public final class ZkSumcheckVerifier {
    private ZkSumcheckVerifier() {}

    /** A successful verification: the plain result, and the claim g(r) = maskValue on the committed mask. */
    public record Result(SumcheckVerifier.Result result, ExtVector maskPoint, Ext2 maskValue) {}

    public static Result verify(List<SumcheckClaim> claims, ZkSumcheckProof proof, Transcript transcript) throws VerificationException {
        if (claims.isEmpty()) {
            throw new IllegalArgumentException("no sumcheck claims");
        }
        int n = SumcheckProof.numRounds(claims);
        int d = SumcheckProof.valuesPerRound(claims);
        if (proof.rounds().size() != n) {
            throw new VerificationException("zk sumcheck: expected " + n + " rounds, proof has " + proof.rounds().size());
        }
        for (int i = 0; i < n; i++) {
            if (proof.rounds().get(i).size() != d) {
                throw new VerificationException("zk sumcheck: round " + i + " has " + proof.rounds().get(i).size() + " values, expected " + d);
            }
        }
        if (proof.finalEvals().size() != claims.size()) {
            throw new VerificationException("zk sumcheck: final evaluations for " + proof.finalEvals().size() + " instances, expected "
                    + claims.size());
        }
        for (int i = 0; i < claims.size(); i++) {
            if (proof.finalEvals().get(i).size() != claims.get(i).form().numPolys()) {
                throw new VerificationException("zk sumcheck: instance " + i + " has the wrong number of final evaluations");
            }
        }
        List<Ext2> rho = absorbClaimsAndBatch(claims, proof.maskSum(), transcript);
        Ext2 cur = SumcheckVerifier.batchedClaim(claims, rho, n, rho.get(claims.size()).mul(proof.maskSum()));
        SumcheckVerifier.Reduced reduced = SumcheckVerifier.rounds(proof.rounds(), n, d, cur, transcript);
        cur = reduced.claim();
        ExtVector point = reduced.point();
        SumcheckVerifier.Finals finals = SumcheckVerifier.absorbFinals(claims, proof.finalEvals(), rho, point, n, transcript);
        Ext2 expected = finals.expected();
        List<ExtVector> instancePoints = finals.points();
        transcript.absorbExt(SumcheckLabels.MASK_VALUE, proof.maskValue());
        expected = expected.add(rho.get(claims.size()).mul(proof.maskValue()));
        if (!expected.equals(cur)) {
            throw new VerificationException("zk sumcheck: final evaluations and mask value do not match the reduced claim");
        }
        return new Result(new SumcheckVerifier.Result(point, instancePoints, proof.finalEvals()), point, proof.maskValue());
    }

    /** Shared by prover and verifier: claims, then the mask sum, then one batch weight per instance and one for the mask. */
    static List<Ext2> absorbClaimsAndBatch(List<SumcheckClaim> claims, Ext2 maskSum, Transcript transcript) {
        transcript.absorbU64(SumcheckLabels.INSTANCES, claims.size());
        for (SumcheckClaim c : claims) {
            transcript.absorbU64(SumcheckLabels.NUM_VARS, c.numVars());
            transcript.absorbExt(SumcheckLabels.CLAIM, c.claim());
        }
        transcript.absorbExt(SumcheckLabels.MASK_SUM, maskSum);
        return transcript.challengeExts(SumcheckLabels.ZK_BATCH, claims.size() + 1).toList();
    }
}
