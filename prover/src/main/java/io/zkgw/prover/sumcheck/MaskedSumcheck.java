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

    /** A prover instance: tables and true claim, the claim's known part, and per polynomial its mask (null: unmasked). */
    public record ProverInstance(SumcheckProver.Instance instance, Ext2 knownClaim, Ext2[] masks) {}

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

    // ------------------------------------------------------------------ prover

    public static Result prove(List<ProverInstance> instances, Ext2[] g, int degree, Transcript t) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("no sumcheck instances");
        }
        int m = instances.size();
        int n = 0;
        for (ProverInstance pi : instances) {
            n = Math.max(n, pi.instance().numVars());
        }
        int d = degree;
        if (g.length != maskCoefficients(n, d)) {
            throw new IllegalArgumentException("mask has " + g.length + " coefficients, expected " + maskCoefficients(n, d));
        }
        int[] deg = new int[m];
        for (int i = 0; i < m; i++) {
            ProverInstance pi = instances.get(i);
            SumOfProducts form = pi.instance().form();
            deg[i] = Math.max(1, form.degree());
            boolean[] masked = masked(pi.masks(), form.numPolys());
            if (pi.instance().numVars() == 0 && any(masked)) {
                throw new IllegalArgumentException("a masked polynomial needs at least one variable");
            }
            if (deg[i] > d || lastRoundDegree(form, masked) > d) {
                throw new IllegalArgumentException("round degree " + d + " below instance " + i + "'s");
            }
        }
        Ext2 maskSum = maskSum(g, n, d);
        List<Ext2> rho = absorb(instances.stream().map(pi -> pi.instance().numVars()).toList(),
                instances.stream().map(ProverInstance::knownClaim).toList(), maskSum, t);
        Ext2 rhoG = rho.get(m);
        Ext2[] cl = new Ext2[m];
        for (int i = 0; i < m; i++) {
            cl[i] = instances.get(i).instance().claim().mulBase(Goldilocks.pow(2, n - instances.get(i).instance().numVars()));
        }
        Ext2 cv = initialKnown(instances.stream().map(pi -> pi.instance().numVars()).toList(),
                instances.stream().map(ProverInstance::knownClaim).toList(), maskSum, rho, n);
        Ext2 lambda = Ext2.ONE;
        Ext2 inv2 = Ext2.ofBase(Goldilocks.inv(2));
        // g's round polynomial: prefix = a_0 + Σ_{i<j} g_i(r_i), suffix = Σ_{i>j} g_i(1)
        Ext2 prefix = g[0];
        Ext2 suffix = Ext2.ZERO;
        for (int i = 1; i < n; i++) {
            suffix = suffix.add(atOne(g, i, d));
        }
        List<ExtVector> rounds = new ArrayList<>(n);
        long[] pr = new long[n];
        long[] pim = new long[n];
        Ext2 last = Ext2.ZERO;
        for (int round = 0; round < n; round++) {
            Ext2[] s = new Ext2[d + 1];
            java.util.Arrays.fill(s, Ext2.ZERO);
            Ext2[][] parts = new Ext2[m][];
            for (int i = 0; i < m; i++) {
                ProverInstance pi = instances.get(i);
                SumcheckProver.Instance inst = pi.instance();
                Ext2[] part;
                if (round >= n - inst.numVars()) {
                    if (round == n - 1) {
                        part = lastRound(inst, pi.masks(), d);
                    } else {
                        long[] v = SumcheckProver.roundValues(inst, deg[i]);
                        Ext2[] nodes = new Ext2[deg[i] + 1];
                        nodes[0] = new Ext2(v[0], v[1]);
                        nodes[1] = cl[i].sub(nodes[0]);
                        for (int k = 2; k <= deg[i]; k++) {
                            nodes[k] = new Ext2(v[2 * (k - 1)], v[2 * (k - 1) + 1]);
                        }
                        part = extend(nodes, d);
                    }
                } else {
                    cl[i] = cl[i].mul(inv2);
                    part = new Ext2[d + 1];
                    java.util.Arrays.fill(part, cl[i]);
                }
                parts[i] = part;
                for (int k = 0; k <= d; k++) {
                    s[k] = s[k].add(part[k].mul(rho.get(i)));
                }
            }
            int rest = n - round - 1;
            Ext2 scale = Ext2.ofBase(Goldilocks.pow(2, rest));
            Ext2 tail = rest >= 1 ? suffix.mulBase(Goldilocks.pow(2, rest - 1)) : Ext2.ZERO;
            for (int k = 0; k <= d; k++) {
                Ext2 x = Ext2.ofBase(k);
                Ext2 gv = prefix.add(univariate(g, round, d, x)).mul(scale).add(tail);
                s[k] = s[k].add(gv.mul(rhoG));
            }
            long[] re = new long[d];
            long[] im = new long[d];
            re[0] = s[0].c0();
            im[0] = s[0].c1();
            for (int k = 2; k <= d; k++) {
                re[k - 1] = s[k].c0();
                im[k - 1] = s[k].c1();
            }
            ExtVector msg = ExtVector.ownedBy(re, im);
            rounds.add(msg);
            t.absorbExts("zk-sumcheck/round", msg);
            Ext2 r = t.challengeExt("zk-sumcheck/challenge");
            pr[round] = r.c0();
            pim[round] = r.c1();
            last = r;
            for (int i = 0; i < m; i++) {
                SumcheckProver.Instance inst = instances.get(i).instance();
                if (round >= n - inst.numVars()) {
                    cl[i] = interpolate(parts[i], r);
                    for (MleTable tb : inst.tables()) {
                        tb.foldFirst(r.c0(), r.c1());
                    }
                }
            }
            Ext2[] sv = s.clone();
            sv[1] = cv.sub(s[0]);
            cv = interpolate(sv, r);
            lambda = lambda.mul(basisOne(r, d));
            prefix = prefix.add(univariate(g, round, d, r));
            if (round + 1 < n) {
                suffix = suffix.sub(atOne(g, round + 1, d));
            }
        }
        Ext2 z = last.mul(Ext2.ONE.sub(last));
        List<ExtVector> finals = new ArrayList<>(m);
        for (ProverInstance pi : instances) {
            List<MleTable> tabs = pi.instance().tables();
            Ext2[] f = new Ext2[tabs.size()];
            for (int k = 0; k < f.length; k++) {
                f[k] = tabs.get(k).value();
                if (pi.masks() != null && pi.masks()[k] != null) {
                    f[k] = f[k].add(z.mul(pi.masks()[k]));
                }
            }
            ExtVector fv = ExtVector.of(List.of(f));
            t.absorbExts("zk-sumcheck/final-evals", fv);
            finals.add(fv);
        }
        return new Result(rounds, ExtVector.ownedBy(pr, pim), finals, maskSum, cv, lambda, rho);
    }

    private static boolean[] masked(Ext2[] masks, int polys) {
        boolean[] b = new boolean[polys];
        for (int k = 0; masks != null && k < polys; k++) {
            b[k] = masks[k] != null;
        }
        return b;
    }

    private static boolean any(boolean[] b) {
        for (boolean x : b) {
            if (x) {
                return true;
            }
        }
        return false;
    }

    /** The last round of an active instance: tables of two entries, masked polynomials get t(1 − t)·m. */
    private static Ext2[] lastRound(SumcheckProver.Instance inst, Ext2[] masks, int d) {
        List<MleTable> tabs = inst.tables();
        int p = tabs.size();
        Ext2[] lo = new Ext2[p];
        Ext2[] hi = new Ext2[p];
        for (int k = 0; k < p; k++) {
            MleTable tb = tabs.get(k);
            lo[k] = new Ext2(tb.re(0), tb.im(0));
            hi[k] = new Ext2(tb.re(1), tb.im(1));
        }
        Ext2[] out = new Ext2[d + 1];
        List<Ext2> vals = new ArrayList<>(p);
        for (int x = 0; x <= d; x++) {
            Ext2 tt = Ext2.ofBase(x);
            Ext2 z = tt.mul(Ext2.ONE.sub(tt));
            vals.clear();
            for (int k = 0; k < p; k++) {
                Ext2 v = lo[k].add(tt.mul(hi[k].sub(lo[k])));
                if (masks != null && masks[k] != null) {
                    v = v.add(z.mul(masks[k]));
                }
                vals.add(v);
            }
            out[x] = inst.form().evaluate(vals);
        }
        return out;
    }

    /** Values at 0..d of the polynomial of degree ≤ nodes.length − 1 given at 0..nodes.length − 1. */
    static Ext2[] extend(Ext2[] nodes, int d) {
        Ext2[] out = new Ext2[d + 1];
        for (int k = 0; k <= d; k++) {
            out[k] = k < nodes.length ? nodes[k] : interpolate(nodes, Ext2.ofBase(k));
        }
        return out;
    }

    /** Lagrange interpolation on the nodes 0..v.length − 1, evaluated at x. */
    static Ext2 interpolate(Ext2[] v, Ext2 x) {
        int d = v.length - 1;
        Ext2 acc = Ext2.ZERO;
        for (int k = 0; k <= d; k++) {
            acc = acc.add(v[k].mul(basis(k, x, d)));
        }
        return acc;
    }

    private static Ext2 basis(int k, Ext2 x, int d) {
        Ext2 num = Ext2.ONE;
        long den = 1;
        for (int j = 0; j <= d; j++) {
            if (j != k) {
                num = num.mul(x.sub(Ext2.ofBase(j)));
                den = Goldilocks.mul(den, Goldilocks.sub(Goldilocks.fromLong(k), Goldilocks.fromLong(j)));
            }
        }
        return num.mulBase(Goldilocks.inv(den));
    }

    /** ℓ_1(x) on the nodes 0..d. */
    static Ext2 basisOne(Ext2 x, int d) {
        return basis(1, x, d);
    }

    private static Ext2 coef(Ext2[] g, int var, int power, int d) {
        return g[1 + var * d + power - 1];
    }

    private static Ext2 univariate(Ext2[] g, int var, int d, Ext2 x) {
        Ext2 acc = Ext2.ZERO;
        Ext2 p = Ext2.ONE;
        for (int k = 1; k <= d; k++) {
            p = p.mul(x);
            acc = acc.add(p.mul(coef(g, var, k, d)));
        }
        return acc;
    }

    private static Ext2 atOne(Ext2[] g, int var, int d) {
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

    private static List<Ext2> absorb(List<Integer> numVars, List<Ext2> known, Ext2 maskSum, Transcript t) {
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

    private static Ext2 initialKnown(List<Integer> numVars, List<Ext2> known, Ext2 maskSum, List<Ext2> rho, int n) {
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
            cv = interpolate(s, r);
            lambda = lambda.mul(basisOne(r, d));
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
