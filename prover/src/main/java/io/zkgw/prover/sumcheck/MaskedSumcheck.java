package io.zkgw.prover.sumcheck;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.poly.MleTable;
import io.zkgw.prover.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * The zero-knowledge batched sumcheck of the inference protocol (version 4): three maskings on top of
 * §5 of docs/proof-system.md.
 * <ol>
 *   <li><b>Round messages</b>: the Libra/CFS masking polynomial g(x) = a_0 + Σ_i Σ_{k=1..D} c_{i,k}·x_i^k with
 *   K-valued coefficients (two committed base-field entries each, so every coefficient of every round
 *   polynomial receives a uniform element of K), its sum G sent before the batch weights, the sumcheck run
 *   on Σ ρ_i f_i + ρ_g·g. g(r) is not sent: it enters the final check as a linear form in g's committed
 *   coefficients.</li>
 *   <li><b>Final values</b>: a polynomial P marked as masked is replaced by P̂(x) = P(x) + x_n(1 − x_n)·m_P with a
 *   fresh K-valued mask m_P (x_n the last variable, bound in the last round). P̂ = P on the hypercube, so
 *   only the last round changes (its degree counts a masked factor twice); the final value sent is
 *   P̂(r) = P(r) + r_n(1 − r_n)·m_P, uniform. The caller turns it into the linear claim P(r) = P̂(r) − Z·m_P.</li>
 *   <li><b>Claims with unknown parts</b>: an instance's claim may be known to the verifier only up to a linear
 *   form U_i over committed masks (it was derived from masked values). The verifier runs the rounds on the
 *   known part; its running claim then differs from the true one by −Λ_j·U with Λ_j = Π_{l ≤ j} ℓ_1(r_l)
 *   (ℓ_1 the Lagrange basis polynomial of node 1 on 0..D), since s(1) = c − s(0) is the only place the claim
 *   enters. The final check c_n + Λ·U = Σ ρ_i form_i(finals) + ρ_g g(r) is therefore the linear claim
 *   {@code ρ_g·g(r) − Λ·U = c_n − Σ ρ_i form_i(finals)} on committed masks, returned to the caller.</li>
 * </ol>
 * Transcript: {@code u64 "zk-sumcheck/instances"}, per instance {@code u64 "zk-sumcheck/num-vars"} and
 * {@code K "zk-sumcheck/claim"} (the known part); {@code K "zk-sumcheck/mask-sum"} G; {@code K-vector
 * "zk-sumcheck/batch"} (m + 1 weights, the last for g); per round {@code K-vector "zk-sumcheck/round"}
 * (s(0), s(2), .., s(D)) and {@code K "zk-sumcheck/challenge"}; per instance {@code K-vector
 * "zk-sumcheck/final-evals"}. Wire: G, the rounds, the final values.
 */
public final class MaskedSumcheck {
    private MaskedSumcheck() {}

    /** What both sides end with. {@code finalKnown} is the verifier's running claim c_n, {@code lambda} Λ. */
    public record Result(List<ExtVector> rounds, ExtVector point, List<ExtVector> finals, Ext2 maskSum, Ext2 finalKnown,
            Ext2 lambda, List<Ext2> rho) {
        /** The batch weight of g (the last of ρ). */
        public Ext2 rhoMask() {
            return rho.getLast();
        }
    }

    /** Reads raw K-vectors of a proof (absorption is done here). */
    public interface Reader {
        ExtVector read(String what, int count) throws VerificationException;
    }

    /** Degree a masked final value adds in the last round: every masked factor of a term counts twice. */
    public static int lastRoundDegree(SumOfProducts form, boolean[] masked) {
        int d = 0;
        for (int j = 0; j < form.numTerms(); j++) {
            int t = 0;
            for (int f : form.factors(j)) {
                t += masked[f] ? 2 : 1;
            }
            d = Math.max(d, t);
        }
        return d;
    }

    /** Number of K-valued coefficients of g for n variables and degree D: 1 + n·D. */
    public static int maskCoefficients(int numVars, int degree) {
        return 1 + numVars * degree;
    }

    /** w(r) = (1, r_1, .., r_1^D, .., r_n^D): g(r) = ⟨c, w(r)⟩. */
    public static Ext2[] maskWeights(ExtVector r, int degree) {
        Ext2[] w = new Ext2[maskCoefficients(r.size(), degree)];
        w[0] = Ext2.ONE;
        for (int i = 0; i < r.size(); i++) {
            Ext2 p = Ext2.ONE;
            for (int k = 1; k <= degree; k++) {
                p = p.mul(r.get(i));
                w[1 + i * degree + k - 1] = p;
            }
        }
        return w;
    }

    /** Values at 0..d of the polynomial of degree ≤ nodes.length − 1 given at 0..nodes.length − 1. */
    static Ext2[] extend(Ext2[] nodes, int d) {
        Ext2[] out = new Ext2[d + 1];
        int deg = nodes.length - 1;
        for (int k = 0; k <= d; k++) {
            if (k <= deg) {
                out[k] = nodes[k];
                continue;
            }
            // ℓ_i(k) are base-field constants of (deg, k)
            long[] w = Lagrange.of(deg).atInteger(k);
            long c0 = 0;
            long c1 = 0;
            for (int i = 0; i <= deg; i++) {
                c0 = Goldilocks.add(c0, Goldilocks.mul(nodes[i].c0(), w[i]));
                c1 = Goldilocks.add(c1, Goldilocks.mul(nodes[i].c1(), w[i]));
            }
            out[k] = new Ext2(c0, c1);
        }
        return out;
    }

    static Ext2 coef(Ext2[] g, int var, int power, int d) {
        return g[1 + var * d + power - 1];
    }

    static Ext2 univariate(Ext2[] g, int var, int d, Ext2 x) {
        Ext2 acc = Ext2.ZERO;
        Ext2 p = Ext2.ONE;
        for (int k = 1; k <= d; k++) {
            p = p.mul(x);
            acc = acc.add(p.mul(coef(g, var, k, d)));
        }
        return acc;
    }

    static Ext2 atOne(Ext2[] g, int var, int d) {
        Ext2 s = Ext2.ZERO;
        for (int k = 1; k <= d; k++) {
            s = s.add(coef(g, var, k, d));
        }
        return s;
    }

    /** Σ_x g(x) = 2^n·a_0 + 2^(n−1)·Σ c_{i,k}. */
    static Ext2 maskSum(Ext2[] g, int n, int d) {
        Ext2 all = Ext2.ZERO;
        for (int i = 1; i < g.length; i++) {
            all = all.add(g[i]);
        }
        Ext2 s = g[0].mulBase(Goldilocks.pow(2, n));
        if (n > 0) {
            s = s.add(all.mulBase(Goldilocks.pow(2, n - 1)));
        }
        return s;
    }

    static List<Ext2> absorb(List<Integer> numVars, List<Ext2> known, Ext2 maskSum, Transcript t) {
        t.absorbU64("zk-sumcheck/instances", numVars.size());
        for (int i = 0; i < numVars.size(); i++) {
            t.absorbU64("zk-sumcheck/num-vars", numVars.get(i));
            t.absorbExt("zk-sumcheck/claim", known.get(i));
        }
        t.absorbExt("zk-sumcheck/mask-sum", maskSum);
        ExtVector rho = t.challengeExts("zk-sumcheck/batch", numVars.size() + 1);
        List<Ext2> out = new ArrayList<>();
        for (int i = 0; i < rho.size(); i++) {
            out.add(rho.get(i));
        }
        return out;
    }

    static Ext2 initialKnown(List<Integer> numVars, List<Ext2> known, Ext2 maskSum, List<Ext2> rho, int n) {
        Ext2 c = rho.get(numVars.size()).mul(maskSum);
        for (int i = 0; i < numVars.size(); i++) {
            c = c.add(known.get(i).mulBase(Goldilocks.pow(2, n - numVars.get(i))).mul(rho.get(i)));
        }
        return c;
    }

    // ------------------------------------------------------------------ verifier

    /**
     * Reads and checks the rounds against the known claims (no final check: the caller makes it a linear
     * claim with {@link Result#finalKnown()}, {@link Result#lambda()} and the batch weights).
     */
    public static Result verify(List<Integer> numVars, List<Ext2> knownClaims, List<Integer> numPolys, int degree, Reader in,
            Transcript t) throws VerificationException {
        int m = numVars.size();
        if (m == 0) {
            throw new IllegalArgumentException("no sumcheck instances");
        }
        int n = numVars.stream().mapToInt(Integer::intValue).max().orElseThrow();
        int d = degree;
        Ext2 maskSum = in.read("zk-sumcheck mask sum", 1).get(0);
        List<Ext2> rho = absorb(numVars, knownClaims, maskSum, t);
        Ext2 cv = initialKnown(numVars, knownClaims, maskSum, rho, n);
        Ext2 lambda = Ext2.ONE;
        List<ExtVector> rounds = new ArrayList<>(n);
        long[] pr = new long[n];
        long[] pim = new long[n];
        for (int round = 0; round < n; round++) {
            ExtVector msg = in.read("zk-sumcheck round " + round, d);
            rounds.add(msg);
            t.absorbExts("zk-sumcheck/round", msg);
            Ext2 r = t.challengeExt("zk-sumcheck/challenge");
            pr[round] = r.c0();
            pim[round] = r.c1();
            Ext2[] s = new Ext2[d + 1];
            s[0] = msg.get(0);
            s[1] = cv.sub(s[0]);
            for (int k = 2; k <= d; k++) {
                s[k] = msg.get(k - 1);
            }
            Ext2[] l = Lagrange.of(d).basis(r);
            cv = Lagrange.combine(s, l);
            lambda = lambda.mul(l[1]);
        }
        List<ExtVector> finals = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            ExtVector f = in.read("zk-sumcheck final evaluations " + i, numPolys.get(i));
            t.absorbExts("zk-sumcheck/final-evals", f);
            finals.add(f);
        }
        return new Result(rounds, ExtVector.ownedBy(pr, pim), finals, maskSum, cv, lambda, rho);
    }
}
