package io.zkgw.prover.sumcheck;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.poly.MleTable;
import io.zkgw.prover.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;

/** The prover of {@link MaskedSumcheck}. */
public final class MaskedSumcheckProver {
    private MaskedSumcheckProver() {}

    /** A prover instance: tables and true claim, the claim's known part, and per polynomial its mask (null: unmasked). */
    public record Instance(SumcheckProver.Instance instance, Ext2 knownClaim, Ext2[] masks) {}


    public static MaskedSumcheck.Result prove(List<Instance> instances, Ext2[] g, int degree, Transcript t) {
        return prove(instances, g, degree, t, false);
    }

    /**
     * @param checkClaims whether to check every instance's true claim, at O(instances) cost: the rounds before the last
     *                    carry it (s_i(1) = claim − s_i(0)), and the last round, computed from the tables alone, must add up
     *                    to it; a false claim passes only with the sumcheck's soundness error. Throws
     *                    {@link SumcheckProver.FalseClaim} naming the first instance that fails.
     */
    public static MaskedSumcheck.Result prove(List<Instance> instances, Ext2[] g, int degree, Transcript t, boolean checkClaims) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("no sumcheck instances");
        }
        int m = instances.size();
        int n = 0;
        for (Instance pi : instances) {
            n = Math.max(n, pi.instance().numVars());
        }
        int d = degree;
        if (g.length != MaskedSumcheck.maskCoefficients(n, d)) {
            throw new IllegalArgumentException("mask has " + g.length + " coefficients, expected " + MaskedSumcheck.maskCoefficients(n, d));
        }
        int[] deg = new int[m];
        for (int i = 0; i < m; i++) {
            Instance pi = instances.get(i);
            SumOfProducts form = pi.instance().form();
            deg[i] = Math.max(1, form.degree());
            boolean[] masked = masked(pi.masks(), form.numPolys());
            if (pi.instance().numVars() == 0 && any(masked)) {
                throw new IllegalArgumentException("a masked polynomial needs at least one variable");
            }
            if (deg[i] > d || MaskedSumcheck.lastRoundDegree(form, masked) > d) {
                throw new IllegalArgumentException("round degree " + d + " below instance " + i + "'s");
            }
        }
        Ext2 maskSum = MaskedSumcheck.maskSum(g, n, d);
        List<Ext2> rho = MaskedSumcheck.absorb(instances.stream().map(pi -> pi.instance().numVars()).toList(),
                instances.stream().map(Instance::knownClaim).toList(), maskSum, t);
        Ext2 rhoG = rho.get(m);
        Ext2[] cl = new Ext2[m];
        for (int i = 0; i < m; i++) {
            cl[i] = instances.get(i).instance().claim().mulBase(Goldilocks.pow(2, n - instances.get(i).instance().numVars()));
        }
        Ext2 cv = MaskedSumcheck.initialKnown(instances.stream().map(pi -> pi.instance().numVars()).toList(),
                instances.stream().map(Instance::knownClaim).toList(), maskSum, rho, n);
        Ext2 lambda = Ext2.ONE;
        Ext2 inv2 = Ext2.ofBase(Goldilocks.inv(2));
        // g's round polynomial: prefix = a_0 + Σ_{i<j} g_i(r_i), suffix = Σ_{i>j} g_i(1)
        Ext2 prefix = g[0];
        Ext2 suffix = Ext2.ZERO;
        for (int i = 1; i < n; i++) {
            suffix = suffix.add(MaskedSumcheck.atOne(g, i, d));
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
                Instance pi = instances.get(i);
                SumcheckProver.Instance inst = pi.instance();
                Ext2[] part;
                if (round >= n - inst.numVars()) {
                    if (round == n - 1) {
                        part = lastRound(inst, pi.masks(), d);
                        // the last round comes from the tables alone: it must add up to the claim carried so far
                        if (checkClaims && !part[0].add(part[1]).equals(cl[i])) {
                            throw new SumcheckProver.FalseClaim(i);
                        }
                    } else {
                        part = MaskedSumcheck.extend(SumcheckProver.roundNodes(inst, deg[i], cl[i]), d);
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
                Ext2 gv = prefix.add(MaskedSumcheck.univariate(g, round, d, x)).mul(scale).add(tail);
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
            // every part has the stage degree: one basis at r serves all of them
            Ext2[] l = Lagrange.of(d).basis(r);
            for (int i = 0; i < m; i++) {
                SumcheckProver.Instance inst = instances.get(i).instance();
                if (round >= n - inst.numVars()) {
                    cl[i] = Lagrange.combine(parts[i], l);
                    for (MleTable tb : inst.tables()) {
                        tb.foldFirst(r.c0(), r.c1());
                    }
                }
            }
            Ext2[] sv = s.clone();
            sv[1] = cv.sub(s[0]);
            cv = Lagrange.combine(sv, l);
            lambda = lambda.mul(l[1]);
            prefix = prefix.add(MaskedSumcheck.univariate(g, round, d, r));
            if (round + 1 < n) {
                suffix = suffix.sub(MaskedSumcheck.atOne(g, round + 1, d));
            }
        }
        Ext2 z = last.mul(Ext2.ONE.sub(last));
        List<ExtVector> finals = new ArrayList<>(m);
        for (Instance pi : instances) {
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
        return new MaskedSumcheck.Result(rounds, ExtVector.ownedBy(pr, pim), finals, maskSum, cv, lambda, rho);
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

}
