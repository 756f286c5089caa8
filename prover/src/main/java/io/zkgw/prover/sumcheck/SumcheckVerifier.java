package io.zkgw.prover.sumcheck;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifier for (batched) sumcheck. Light: field arithmetic and the transcript only.
 *
 * <p>Protocol, with n = max numVars and D = max(1, max degree):
 * <ol>
 *   <li>absorb "sumcheck/instances" (count) and per instance "sumcheck/num-vars", "sumcheck/claim";</li>
 *   <li>if more than one instance, squeeze ρ_0..ρ_{m-1} = "sumcheck/batch" (Ext2 vector), else ρ_0 = 1;
 *       running claim c = Σ ρ_i 2^(n - n_i) claim_i (an instance with n_i &lt; n does not depend on the
 *       first n - n_i variables, so its sum over n variables is 2^(n - n_i) times its own);</li>
 *   <li>per round: absorb "sumcheck/round" (s(0), s(2), .., s(D)); set s(1) = c - s(0); squeeze
 *       r = "sumcheck/challenge"; c ← s(r) by Lagrange interpolation on 0..D;</li>
 *   <li>absorb "sumcheck/final-evals" per instance; accept iff c = Σ ρ_i form_i(finalEvals_i).</li>
 * </ol>
 * Instance i's point is the last n_i coordinates of (r_1..r_n). The caller must still check the final
 * evaluations (PCS openings, the next GKR layer): this class only proves they are consistent with the
 * claims.
 */
public final class SumcheckVerifier {
    private SumcheckVerifier() {}

    /** What a successful verification hands back. */
    public record Result(ExtVector point, List<ExtVector> instancePoints, List<ExtVector> finalEvals) {
        public Result {
            instancePoints = List.copyOf(instancePoints);
            finalEvals = List.copyOf(finalEvals);
        }
    }

    public static Result verify(List<SumcheckClaim> claims, SumcheckProof proof, Transcript transcript)
            throws VerificationException {
        if (claims.isEmpty()) {
            throw new IllegalArgumentException("no sumcheck claims");
        }
        int n = SumcheckProof.numRounds(claims);
        int d = SumcheckProof.valuesPerRound(claims);
        if (proof.rounds().size() != n) {
            throw new VerificationException("sumcheck: expected " + n + " rounds, proof has " + proof.rounds().size());
        }
        for (int i = 0; i < n; i++) {
            if (proof.rounds().get(i).size() != d) {
                throw new VerificationException("sumcheck: round " + i + " has " + proof.rounds().get(i).size()
                        + " values, expected " + d);
            }
        }
        if (proof.finalEvals().size() != claims.size()) {
            throw new VerificationException("sumcheck: final evaluations for " + proof.finalEvals().size()
                    + " instances, expected " + claims.size());
        }
        for (int i = 0; i < claims.size(); i++) {
            if (proof.finalEvals().get(i).size() != claims.get(i).form().numPolys()) {
                throw new VerificationException("sumcheck: instance " + i + " has the wrong number of final evaluations");
            }
        }

        List<Ext2> rho = absorbClaimsAndBatch(claims, transcript);
        Ext2 cur = batchedClaim(claims, rho, n, Ext2.ZERO);

        Reduced reduced = rounds(proof.rounds(), n, d, cur, transcript);
        cur = reduced.claim();
        ExtVector point = reduced.point();

        Finals finals = absorbFinals(claims, proof.finalEvals(), rho, point, n, transcript);
        Ext2 expected = finals.expected();
        List<ExtVector> instancePoints = finals.points();
        if (!expected.equals(cur)) {
            throw new VerificationException("sumcheck: final evaluations do not match the reduced claim");
        }
        return new Result(point, instancePoints, proof.finalEvals());
    }

    /**
     * start + Σ ρ_i·claim_i·2^(n − n_i): the batched claim of instances with fewer variables than n (each
     * summed over the extra variables as a constant).
     */
    static Ext2 batchedClaim(List<SumcheckClaim> claims, List<Ext2> rho, int n, Ext2 start) {
        Ext2 cur = start;
        for (int i = 0; i < claims.size(); i++) {
            SumcheckClaim c = claims.get(i);
            cur = cur.add(rho.get(i).mul(c.claim()).mulBase(Goldilocks.pow(2, n - c.numVars())));
        }
        return cur;
    }

    /** What the final evaluations claim (Σ ρ_i·form_i(evals_i)) and each instance's point (its last n_i challenges). */
    record Finals(Ext2 expected, List<ExtVector> points) {}

    /** Absorbs each instance's final evaluations and combines them as the reduced claim expects. */
    static Finals absorbFinals(List<SumcheckClaim> claims, List<ExtVector> finalEvals, List<Ext2> rho, ExtVector point,
                               int n, Transcript transcript) {
        Ext2 expected = Ext2.ZERO;
        List<ExtVector> instancePoints = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            ExtVector evals = finalEvals.get(i);
            transcript.absorbExts(SumcheckLabels.FINAL_EVALS, evals);
            expected = expected.add(rho.get(i).mul(claims.get(i).form().evaluate(evals.toList())));
            instancePoints.add(point.slice(n - claims.get(i).numVars(), n));
        }
        return new Finals(expected, instancePoints);
    }

    /** The running claim after the rounds, and the challenge point they drew. */
    record Reduced(Ext2 claim, ExtVector point) {}

    /**
     * The round checks every sumcheck verifier shares: each round's message (s(0), s(2..d); s(1) = claim −
     * s(0)) is absorbed, a challenge drawn, and the claim becomes s(r).
     */
    static Reduced rounds(List<ExtVector> messages, int n, int d, Ext2 claim, Transcript transcript) {
        long[] pr = new long[n];
        long[] pi = new long[n];
        Ext2[] values = new Ext2[d + 1];
        // the basis's denominators are computed once per degree (an inversion per node and round otherwise)
        Lagrange basis = Lagrange.of(d);
        Ext2 cur = claim;
        for (int round = 0; round < n; round++) {
            ExtVector s = messages.get(round);
            transcript.absorbExts(SumcheckLabels.ROUND, s);
            values[0] = s.get(0);
            values[1] = cur.sub(values[0]);
            for (int t = 2; t <= d; t++) {
                values[t] = s.get(t - 1);
            }
            Ext2 r = transcript.challengeExt(SumcheckLabels.CHALLENGE);
            pr[round] = r.c0();
            pi[round] = r.c1();
            cur = Lagrange.combine(values, basis.basis(r));
        }
        return new Reduced(cur, ExtVector.of(pr, pi));
    }

    /** Shared by prover and verifier so both bind the same statement. */
    static List<Ext2> absorbClaimsAndBatch(List<SumcheckClaim> claims, Transcript transcript) {
        transcript.absorbU64(SumcheckLabels.INSTANCES, claims.size());
        for (SumcheckClaim c : claims) {
            transcript.absorbU64(SumcheckLabels.NUM_VARS, c.numVars());
            transcript.absorbExt(SumcheckLabels.CLAIM, c.claim());
        }
        if (claims.size() == 1) {
            return List.of(Ext2.ONE);
        }
        return transcript.challengeExts(SumcheckLabels.BATCH, claims.size()).toList();
    }
}
