package io.zkgw.prover.sumcheck;

import static io.zkgw.prover.field.Goldilocks.add;
import static io.zkgw.prover.field.Goldilocks.mul;
import static io.zkgw.prover.field.Goldilocks.sub;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.parallel.Parallel;
import io.zkgw.prover.poly.MleTable;
import io.zkgw.prover.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * Prover for (batched) sums of products of multilinear polynomials; the protocol is described on
 * {@link SumcheckVerifier}. Linear time: round j touches 2^(n-j) entries per table, and every table is
 * folded in place after each challenge.
 *
 * <p>Each round evaluates, for every pair (lo, hi) = (P[i], P[i + h]), the restriction
 * P(t) = lo + t·(hi - lo) at t = 0, 2, .., D by repeated addition, multiplies per term and accumulates.
 * While all of an instance's tables are still in the base field (its first round) the products are
 * base-field products; extension arithmetic starts only after the first extension challenge.
 */
public final class SumcheckProver {
    private static final int GRAIN = 1 << 12;

    private SumcheckProver() {}

    /**
     * One instance: its form, its tables (consumed: they are folded in place), and the claimed sum. The
     * number of variables is fixed at construction, so {@link #toClaim()} stays right after proving.
     */
    public static final class Instance {
        private final SumOfProducts form;
        private final List<MleTable> tables;
        private final Ext2 claim;
        private final int numVars;
        /** Table {@code eqTable} is eq(eqPoint, ·) and a factor of every term once (-1: none declared). */
        private final int eqTable;
        private final ExtVector eqPoint;

        public Instance(SumOfProducts form, List<MleTable> tables, Ext2 claim) {
            this(form, tables, claim, -1, null);
        }

        /**
         * An instance whose table {@code eqTable} is eq(eqPoint, ·), a factor of every term exactly once (the zero-checks'
         * and LogUp layers' form eq·inner): its round polynomials are computed with the eq factor taken out
         * ({@link SumcheckProver#roundNodes}), the same values at a third or less of the products. The table is the caller's to
         * get right: another table gives wrong round values, which a checking prover's end check
         * ({@link SumcheckProver#checkFinalClaims}) or the verifier catches.
         */
        public Instance(SumOfProducts form, List<MleTable> tables, Ext2 claim, int eqTable, ExtVector eqPoint) {
            this.tables = List.copyOf(tables);
            if (this.tables.size() != form.numPolys()) {
                throw new IllegalArgumentException("form has " + form.numPolys() + " polynomials, got " + tables.size() + " tables");
            }
            if (this.tables.isEmpty()) {
                throw new IllegalArgumentException("an instance needs at least one table");
            }
            int n = this.tables.getFirst().numVars();
            for (MleTable t : this.tables) {
                if (t.numVars() != n) {
                    throw new IllegalArgumentException("all tables of an instance must have the same number of variables");
                }
            }
            this.form = form;
            this.claim = claim;
            this.numVars = n;
            if (eqTable >= 0) {
                if (eqTable >= this.tables.size() || eqPoint == null || eqPoint.size() != n || !factorOfEveryTermOnce(form, eqTable)) {
                    throw new IllegalArgumentException("table " + eqTable + " is not an eq factor of every term once, over " + n + " variables");
                }
            }
            this.eqTable = eqTable;
            this.eqPoint = eqPoint;
        }

        /** Whether table k appears exactly once in every term of the form. */
        public static boolean factorOfEveryTermOnce(SumOfProducts form, int k) {
            for (int[] f : form.factorsShared()) {
                int count = 0;
                for (int x : f) {
                    if (x == k) {
                        count++;
                    }
                }
                if (count != 1) {
                    return false;
                }
            }
            return true;
        }

        /** Working copies of base-field tables, with the claim computed honestly. */
        public static Instance ofBase(SumOfProducts form, List<long[]> polys) {
            List<MleTable> tables = polys.stream().map(MleTable::ofBase).toList();
            return new Instance(form, tables, sum(form, tables));
        }

        /** Same tables with a caller-chosen (possibly false) claim. */
        public Instance withClaim(Ext2 c) {
            return new Instance(form, tables, c, eqTable, eqPoint);
        }

        public SumOfProducts form() {
            return form;
        }

        public List<MleTable> tables() {
            return tables;
        }

        public Ext2 claim() {
            return claim;
        }

        /** Number of variables the instance was created with (not the tables' current, folded size). */
        public int numVars() {
            return numVars;
        }

        public SumcheckClaim toClaim() {
            return new SumcheckClaim(numVars, form, claim);
        }
    }

    /** What the prover hands back: the proof, the point (r_1..r_n), and per instance the final values. */
    public record Output(SumcheckProof proof, ExtVector point, List<ExtVector> finalEvals) {}

    /** A checking prover's finding: instance {@code instance}'s claim is not the sum of its tables. */
    public static final class FalseClaim extends IllegalStateException {
        private final int instance;

        public FalseClaim(int instance) {
            super("sumcheck instance " + instance + ": the claim is not the sum of its tables");
            this.instance = instance;
        }

        public int instance() {
            return instance;
        }
    }

    /**
     * Checks a prover's own claims at the end instead of summing every table over the hypercube first: each
     * instance's running claim, carried through the rounds with s_i(1) = claim − s_i(0), must equal its form at its
     * final values. A false claim passes that only with the sumcheck's soundness error (≤ n·D/|K|, about 2^−120 here);
     * the check costs O(instances). Throws {@link FalseClaim} naming the first instance that fails.
     */
    static void checkFinalClaims(List<SumOfProducts> forms, Ext2[] runningClaims, List<ExtVector> finals) {
        for (int i = 0; i < forms.size(); i++) {
            if (!forms.get(i).evaluate(finals.get(i).toList()).equals(runningClaims[i])) {
                throw new FalseClaim(i);
            }
        }
    }

    public static Output prove(List<Instance> instances, Transcript transcript) {
        return prove(instances, transcript, false);
    }

    /** @param checkClaims whether to check every instance's claim at the end ({@link #checkFinalClaims}) */
    public static Output prove(List<Instance> instances, Transcript transcript, boolean checkClaims) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("no sumcheck instances");
        }
        List<SumcheckClaim> claims = instances.stream().map(Instance::toClaim).toList();
        int n = SumcheckProof.numRounds(claims);
        int d = SumcheckProof.valuesPerRound(claims);
        List<Ext2> rho = SumcheckVerifier.absorbClaimsAndBatch(claims, transcript);

        BatchedRounds batched = new BatchedRounds(instances, rho, n, d);
        for (int round = 0; round < n; round++) {
            long[][] v = batched.values(round);
            batched.send(round, ExtVector.ownedBy(v[0], v[1]), transcript);
        }
        List<ExtVector> finals = batched.absorbFinals(transcript);
        if (checkClaims) {
            checkFinalClaims(instances.stream().map(Instance::form).toList(), batched.scaled, finals);
        }
        return new Output(new SumcheckProof(batched.rounds(), finals), batched.point(), finals);
    }

    /**
     * The ρ-batched round polynomial of several instances and the folding after each challenge, shared by
     * this prover and {@link ZkSumcheckProver} (which adds its mask's share to the same values). Instances
     * with fewer variables join in the last rounds; before that each contributes the constant half of its
     * claim scaled by 2^(n − n_i − round). An active instance's tables are evaluated at its own degree's
     * nodes only, and its polynomial extended to the batch's degree by interpolation (with s_i(1) from its
     * running claim): a degree-2 instance in a degree-3 batch costs a third less.
     */
    static final class BatchedRounds {
        private final List<Instance> instances;
        private final List<Ext2> rho;
        private final int n;
        private final int d;
        /** Per instance its running claim (while inactive: its scaled claim, halved each round). */
        private final Ext2[] scaled;
        /** Per instance its round polynomial at 0..d_i of the current round (null while inactive). */
        private final Ext2[][] nodes;
        private final long inv2 = Goldilocks.inv(2);
        private final List<ExtVector> rounds = new ArrayList<>();
        private final long[] pr;
        private final long[] pi;

        BatchedRounds(List<Instance> instances, List<Ext2> rho, int n, int d) {
            this.instances = instances;
            this.rho = rho;
            this.n = n;
            this.d = d;
            this.pr = new long[n];
            this.pi = new long[n];
            this.scaled = new Ext2[instances.size()];
            this.nodes = new Ext2[instances.size()][];
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] = instances.get(i).claim().mulBase(Goldilocks.pow(2, n - instances.get(i).numVars()));
            }
        }

        /** Σ_i ρ_i · s_i at the D evaluation nodes of {@code round}, as {real parts, imaginary parts}. */
        long[][] values(int round) {
            long[] sRe = new long[d];
            long[] sIm = new long[d];
            for (int i = 0; i < instances.size(); i++) {
                Instance inst = instances.get(i);
                long[] part;
                if (round >= n - inst.numVars()) {
                    Ext2[] at = roundNodes(inst, Math.max(1, inst.form().degree()), scaled[i]);
                    nodes[i] = at;
                    Ext2[] ext = MaskedSumcheck.extend(at, d);
                    part = new long[2 * d];
                    part[0] = ext[0].c0();
                    part[1] = ext[0].c1();
                    for (int k = 2; k <= d; k++) {
                        part[2 * (k - 1)] = ext[k].c0();
                        part[2 * (k - 1) + 1] = ext[k].c1();
                    }
                } else {
                    // Not yet active: s_i(X) is the constant half of the scaled claim.
                    scaled[i] = scaled[i].mulBase(inv2);
                    part = new long[2 * d];
                    for (int t = 0; t < d; t++) {
                        part[2 * t] = scaled[i].c0();
                        part[2 * t + 1] = scaled[i].c1();
                    }
                }
                Ext2 w = rho.get(i);
                for (int t = 0; t < d; t++) {
                    sRe[t] = add(sRe[t], Ext2.mulRe(part[2 * t], part[2 * t + 1], w.c0(), w.c1()));
                    sIm[t] = add(sIm[t], Ext2.mulIm(part[2 * t], part[2 * t + 1], w.c0(), w.c1()));
                }
            }
            return new long[][] {sRe, sIm};
        }

        /**
         * Sends round polynomial {@code s} (absorbed), draws the round's challenge, records it in the point
         * and folds the active instances with it. Returns the challenge.
         */
        Ext2 send(int round, ExtVector s, Transcript transcript) {
            rounds.add(s);
            transcript.absorbExts(SumcheckLabels.ROUND, s);
            Ext2 r = transcript.challengeExt(SumcheckLabels.CHALLENGE);
            pr[round] = r.c0();
            pi[round] = r.c1();
            fold(round, r);
            return r;
        }

        List<ExtVector> rounds() {
            return rounds;
        }

        /** The challenges so far: the point every instance's final evaluations are at. */
        ExtVector point() {
            return ExtVector.ownedBy(pr, pi);
        }

        /** Binds the first remaining variable of every active instance to the round's challenge. */
        private void fold(int round, Ext2 r) {
            for (int i = 0; i < instances.size(); i++) {
                Instance inst = instances.get(i);
                if (round >= n - inst.numVars()) {
                    scaled[i] = Lagrange.combine(nodes[i], Lagrange.of(nodes[i].length - 1).basis(r));
                    for (MleTable t : inst.tables()) {
                        t.foldFirst(r.c0(), r.c1());
                    }
                }
            }
        }

        /** Each instance's final evaluations, absorbed in order. */
        List<ExtVector> absorbFinals(Transcript transcript) {
            List<ExtVector> finals = new ArrayList<>();
            for (Instance inst : instances) {
                ExtVector f = ExtVector.of(inst.tables().stream().map(MleTable::value).toList());
                transcript.absorbExts(SumcheckLabels.FINAL_EVALS, f);
                finals.add(f);
            }
            return finals;
        }
    }

    /** Σ_x form(P(x)) over the hypercube; for computing honest claims. */
    public static Ext2 sum(SumOfProducts form, List<MleTable> tables) {
        int size = tables.getFirst().size();
        Ext2 acc = Ext2.ZERO;
        List<Ext2> vals = new ArrayList<>(tables.size());
        for (int x = 0; x < size; x++) {
            vals.clear();
            for (MleTable t : tables) {
                vals.add(new Ext2(t.re(x), t.im(x)));
            }
            acc = acc.add(form.evaluate(vals));
        }
        return acc;
    }

    /**
     * s_i(0), .., s_i(d) of an active instance at its own degree d whose claim for this round is {@code claim}:
     * s_i(1) = claim − s_i(0), the others from its tables (with a declared eq factor taken out, which uses the claim too).
     */
    static Ext2[] roundNodes(Instance inst, int d, Ext2 claim) {
        long[] v = null;
        if (inst.eqTable >= 0 && d >= 3) {
            v = eqFactoredRoundValues(inst, d, claim);
        }
        if (v == null) {
            v = roundValues(inst, d);
        }
        Ext2[] nodes = new Ext2[d + 1];
        nodes[0] = new Ext2(v[0], v[1]);
        nodes[1] = claim.sub(nodes[0]);
        for (int k = 2; k <= d; k++) {
            nodes[k] = new Ext2(v[2 * (k - 1)], v[2 * (k - 1) + 1]);
        }
        return nodes;
    }

    /**
     * Round values of an instance eq(ρ, ·)·inner: with pair i = (x_j = 0, x' = i), the folded eq table's low half is
     * T[i] = c·(1 − ρ_j)·eq(ρ_{>j}, i) and its line through the pair at t is T[i]·e(t)/(1 − ρ_j), e(t) = (1 − ρ_j) + t(2ρ_j − 1).
     * So s(t) = e(t)·K(t) with K(t) = Σ_i T[i]·inner_i(t)/(1 − ρ_j), of degree D − 1: K at 0, 2, .., D − 1 from the
     * tables (no line of the eq table, no product with it per node), K(1) = (claim − s(0))/ρ_j, and K extended to D.
     * Null when ρ_j is 0 or 1 (the generic path then; probability 2/|K|).
     */
    private static long[] eqFactoredRoundValues(Instance inst, int d, Ext2 claim) {
        List<MleTable> tables = inst.tables();
        MleTable eqT = tables.get(inst.eqTable);
        int j = inst.numVars() - eqT.numVars();
        Ext2 rho = inst.eqPoint.get(j);
        Ext2 oneMinus = Ext2.ONE.sub(rho);
        if (rho.isZero() || oneMinus.isZero() || tables.stream().anyMatch(MleTable::lastFirst)) {
            return null;
        }
        int[][] all = inst.form().factorsShared();
        int terms = all.length;
        int[][] inner = new int[terms][];
        for (int q = 0; q < terms; q++) {
            int[] f = all[q];
            int[] g = new int[f.length - 1];
            for (int a = 0, b = 0; a < f.length; a++) {
                if (f[a] != inst.eqTable) {
                    g[b++] = f[a];
                }
            }
            inner[q] = g;
        }
        int m = tables.size();
        long[][] re = new long[m][];
        long[][] im = new long[m][];
        for (int k = 0; k < m; k++) {
            re[k] = tables.get(k).re();
            im[k] = tables.get(k).im();
        }
        long[] coefRe = new long[terms];
        long[] coefIm = new long[terms];
        for (int q = 0; q < terms; q++) {
            Ext2 c = inst.form().coefficient(q);
            coefRe[q] = c.c0();
            coefIm[q] = c.c1();
        }
        int nodes = d - 1; // K at 0, 2, .., D − 1
        int h = eqT.size() >>> 1;
        int chunks = Parallel.chunkCount(h, GRAIN);
        int stride = 2 * nodes;
        long[] acc = new long[chunks * stride];
        int e = inst.eqTable;
        Parallel.forRangeIndexed(h, GRAIN, (c, from, to) -> eqFactoredKernel(re, im, e, inner, coefRe, coefIm, nodes, h, from, to, acc, c * stride));
        Ext2[] k = new Ext2[d];
        Ext2 inv = oneMinus.inv();
        for (int t = 0; t < nodes; t++) {
            long s0 = 0;
            long s1 = 0;
            for (int c = 0; c < chunks; c++) {
                s0 = add(s0, acc[c * stride + 2 * t]);
                s1 = add(s1, acc[c * stride + 2 * t + 1]);
            }
            // node index t: 0 → K(0), t ≥ 1 → K(t + 1)
            k[t == 0 ? 0 : t + 1] = new Ext2(s0, s1).mul(inv);
        }
        Ext2 s0 = k[0].mul(oneMinus);
        k[1] = claim.sub(s0).mul(rho.inv());
        Ext2[] kd = MaskedSumcheck.extend(k, d);
        long[] out = new long[2 * d];
        out[0] = s0.c0();
        out[1] = s0.c1();
        Ext2 slope = rho.add(rho).sub(Ext2.ONE);
        for (int t = 2; t <= d; t++) {
            Ext2 st = oneMinus.add(slope.mulBase(t)).mul(kd[t]);
            out[2 * (t - 1)] = st.c0();
            out[2 * (t - 1) + 1] = st.c1();
        }
        return out;
    }

    /** Per pair: w = T[i] (the eq table's low half), inner at the nodes 0, 2, .., D − 1; accumulates w·inner(t). */
    private static void eqFactoredKernel(long[][] re, long[][] im, int e, int[][] inner, long[] coefRe, long[] coefIm, int nodes, int h, int from,
            int to, long[] acc, int off) {
        int m = re.length;
        long[] vr = new long[m * nodes];
        long[] vi = new long[m * nodes];
        long[] sums = new long[2 * nodes];
        for (int i = from; i < to; i++) {
            for (int k = 0; k < m; k++) {
                if (k != e) {
                    lineValues(re[k], im[k], i, h, nodes, vr, vi, k * nodes);
                }
            }
            long w0 = re[e][i];
            long w1 = im[e] == null ? 0 : im[e][i];
            for (int t = 0; t < nodes; t++) {
                long in0 = 0;
                long in1 = 0;
                for (int q = 0; q < inner.length; q++) {
                    int[] f = inner[q];
                    long p0 = 1;
                    long p1 = 0;
                    for (int x = 0; x < f.length; x++) {
                        long b0 = vr[f[x] * nodes + t];
                        long b1 = vi[f[x] * nodes + t];
                        if (x == 0) {
                            p0 = b0;
                            p1 = b1;
                            continue;
                        }
                        long v0 = mul(p0, b0);
                        long v1 = mul(p1, b1);
                        long cross = mul(add(p0, p1), add(b0, b1));
                        p0 = add(v0, mul(Ext2.W, v1));
                        p1 = sub(sub(cross, v0), v1);
                    }
                    long cr = coefRe[q];
                    long ci = coefIm[q];
                    if (cr != 1 || ci != 0) {
                        long v0 = mul(p0, cr);
                        long v1 = mul(p1, ci);
                        long cross = mul(add(p0, p1), add(cr, ci));
                        p0 = add(v0, mul(Ext2.W, v1));
                        p1 = sub(sub(cross, v0), v1);
                    }
                    in0 = add(in0, p0);
                    in1 = add(in1, p1);
                }
                long v0 = mul(w0, in0);
                long v1 = mul(w1, in1);
                long cross = mul(add(w0, w1), add(in0, in1));
                sums[2 * t] = add(sums[2 * t], add(v0, mul(Ext2.W, v1)));
                sums[2 * t + 1] = add(sums[2 * t + 1], sub(sub(cross, v0), v1));
            }
        }
        System.arraycopy(sums, 0, acc, off, sums.length);
    }

    /** s_i(t) for t = 0, 2, .., D as interleaved (re, im) pairs, for an active instance, from its tables alone. */
    static long[] roundValues(Instance inst, int d) {
        List<MleTable> tables = inst.tables();
        if (tables.stream().anyMatch(MleTable::lastFirst)) {
            return lastFirstRoundValues(inst, d);
        }
        boolean allBase = tables.stream().allMatch(MleTable::isBase);
        int h = tables.getFirst().size() >>> 1;
        SumOfProducts form = inst.form();
        int[][] factors = form.factorsShared();
        int m = tables.size();
        int terms = factors.length;
        long[][] re = new long[m][];
        long[][] im = new long[m][];
        for (int k = 0; k < m; k++) {
            re[k] = tables.get(k).re();
            im[k] = tables.get(k).im();
        }
        int chunks = Parallel.chunkCount(h, GRAIN);
        // Per chunk, per term, per node: accumulated products (base: 1 long; ext: 2 longs).
        int stride = allBase ? terms * d : 2 * terms * d;
        long[] acc = new long[chunks * stride];
        boolean pairProduct = d == 2 && terms == 1 && factors[0].length == 2;
        if (pairProduct && !allBase) {
            int f0 = factors[0][0];
            int f1 = factors[0][1];
            Parallel.forRangeIndexed(h, GRAIN, (c, from, to) -> pairKernel(re[f0], im[f0], re[f1], im[f1], 1, h, from, to, acc, c * stride));
        } else if (allBase) {
            Parallel.forRangeIndexed(h, GRAIN, (c, from, to) -> baseKernel(re, factors, d, h, from, to, acc, c * stride));
        } else {
            Parallel.forRangeIndexed(h, GRAIN, (c, from, to) -> extKernel(re, im, factors, d, h, from, to, acc, c * stride));
        }
        long[] out = new long[2 * d];
        for (int j = 0; j < terms; j++) {
            Ext2 coef = form.coefficient(j);
            for (int t = 0; t < d; t++) {
                long s0 = 0;
                long s1 = 0;
                for (int c = 0; c < chunks; c++) {
                    if (allBase) {
                        s0 = add(s0, acc[c * stride + j * d + t]);
                    } else {
                        int at = c * stride + 2 * (j * d + t);
                        s0 = add(s0, acc[at]);
                        s1 = add(s1, acc[at + 1]);
                    }
                }
                out[2 * t] = add(out[2 * t], Ext2.mulRe(s0, s1, coef.c0(), coef.c1()));
                out[2 * t + 1] = add(out[2 * t + 1], Ext2.mulIm(s0, s1, coef.c0(), coef.c1()));
            }
        }
        return out;
    }

    /**
     * Round values of an instance over last-variable-first tables ({@link MleTable#lastFirst}): only the product
     * A·B of degree 2, the form of the claim reductions. A pair is (t[2i], t[2i + 1]), and pairs past either
     * table's live entries contribute nothing.
     */
    private static long[] lastFirstRoundValues(Instance inst, int d) {
        List<MleTable> tables = inst.tables();
        int[][] factors = inst.form().factorsShared();
        if (!tables.stream().allMatch(MleTable::lastFirst) || d != 2 || factors.length != 1 || factors[0].length != 2) {
            throw new IllegalArgumentException("last-variable-first tables are for the product of two tables only, all of them last-first");
        }
        MleTable a = tables.get(factors[0][0]);
        MleTable b = tables.get(factors[0][1]);
        int pairs = (Math.min(a.live(), b.live()) + 1) >>> 1;
        int chunks = Parallel.chunkCount(pairs, GRAIN);
        long[] acc = new long[chunks * 4];
        Parallel.forRangeIndexed(pairs, GRAIN, (c, from, to) -> pairKernel(a.re(), a.im(), b.re(), b.im(), 2, 1, from, to, acc, c * 4));
        long[] out = new long[4];
        Ext2 coef = inst.form().coefficient(0);
        for (int t = 0; t < 2; t++) {
            long s0 = 0;
            long s1 = 0;
            for (int c = 0; c < chunks; c++) {
                s0 = add(s0, acc[c * 4 + 2 * t]);
                s1 = add(s1, acc[c * 4 + 2 * t + 1]);
            }
            out[2 * t] = Ext2.mulRe(s0, s1, coef.c0(), coef.c1());
            out[2 * t + 1] = Ext2.mulIm(s0, s1, coef.c0(), coef.c1());
        }
        return out;
    }

    private static void baseKernel(long[][] re, int[][] factors, int d, int h, int from, int to, long[] acc, int off) {
        int m = re.length;
        long[] vals = new long[m * d];
        long[] sums = new long[factors.length * d];
        for (int i = from; i < to; i++) {
            for (int k = 0; k < m; k++) {
                long lo = re[k][i];
                long hi = re[k][i + h];
                long diff = sub(hi, lo);
                int base = k * d;
                vals[base] = lo;
                long cur = hi;
                for (int t = 1; t < d; t++) {
                    cur = add(cur, diff);
                    vals[base + t] = cur;
                }
            }
            for (int j = 0; j < factors.length; j++) {
                int[] f = factors[j];
                for (int t = 0; t < d; t++) {
                    long prod = f.length == 0 ? 1 : vals[f[0] * d + t];
                    for (int q = 1; q < f.length; q++) {
                        prod = mul(prod, vals[f[q] * d + t]);
                    }
                    sums[j * d + t] = add(sums[j * d + t], prod);
                }
            }
        }
        System.arraycopy(sums, 0, acc, off, sums.length);
    }

    /**
     * Fast path for the commonest form, A·B with D = 2 (matrix-product layers): per pair
     * s(0) += A_lo·B_lo and s(2) += (2A_hi - A_lo)(2B_hi - B_lo), two Karatsuba products. Pair j is
     * (step·j, step·j + h): (j, j + h) for an ordinary table, (2j, 2j + 1) for a last-variable-first one.
     */
    private static void pairKernel(long[] aRe, long[] aIm, long[] bRe, long[] bIm, int step, int h, int from, int to, long[] acc, int off) {
        long s00 = 0;
        long s01 = 0;
        long s20 = 0;
        long s21 = 0;
        for (int j = from; j < to; j++) {
            int i = step * j;
            long a0 = aRe[i];
            long a1 = aIm == null ? 0 : aIm[i];
            long b0 = bRe[i];
            long b1 = bIm == null ? 0 : bIm[i];
            long v0 = mul(a0, b0);
            long v1 = mul(a1, b1);
            long cross = mul(add(a0, a1), add(b0, b1));
            s00 = add(s00, add(v0, mul(Ext2.W, v1)));
            s01 = add(s01, sub(sub(cross, v0), v1));
            long ah0 = aRe[i + h];
            long ah1 = aIm == null ? 0 : aIm[i + h];
            long bh0 = bRe[i + h];
            long bh1 = bIm == null ? 0 : bIm[i + h];
            long c0 = add(ah0, sub(ah0, a0));
            long c1 = add(ah1, sub(ah1, a1));
            long e0 = add(bh0, sub(bh0, b0));
            long e1 = add(bh1, sub(bh1, b1));
            long w0 = mul(c0, e0);
            long w1 = mul(c1, e1);
            long cr = mul(add(c0, c1), add(e0, e1));
            s20 = add(s20, add(w0, mul(Ext2.W, w1)));
            s21 = add(s21, sub(sub(cr, w0), w1));
        }
        acc[off] = s00;
        acc[off + 1] = s01;
        acc[off + 2] = s20;
        acc[off + 3] = s21;
    }

    /**
     * The line through the pair (t[i], t[i + h]) of one table at the first {@code count} of t = 0, 2, 3, .. (the
     * evaluation nodes, 1 left out), by repeated addition, written to vr, vi from base on.
     */
    private static void lineValues(long[] rk, long[] ik, int i, int h, int count, long[] vr, long[] vi, int base) {
        long lo0 = rk[i];
        long hi0 = rk[i + h];
        long lo1 = ik == null ? 0 : ik[i];
        long hi1 = ik == null ? 0 : ik[i + h];
        long d0 = sub(hi0, lo0);
        long d1 = sub(hi1, lo1);
        vr[base] = lo0;
        vi[base] = lo1;
        long c0 = hi0;
        long c1 = hi1;
        for (int t = 1; t < count; t++) {
            c0 = add(c0, d0);
            c1 = add(c1, d1);
            vr[base + t] = c0;
            vi[base + t] = c1;
        }
    }

    private static void extKernel(long[][] re, long[][] im, int[][] factors, int d, int h, int from, int to, long[] acc, int off) {
        int m = re.length;
        long[] vr = new long[m * d];
        long[] vi = new long[m * d];
        long[] sums = new long[2 * factors.length * d];
        for (int i = from; i < to; i++) {
            for (int k = 0; k < m; k++) {
                lineValues(re[k], im[k], i, h, d, vr, vi, k * d);
            }
            for (int j = 0; j < factors.length; j++) {
                int[] f = factors[j];
                for (int t = 0; t < d; t++) {
                    long p0;
                    long p1;
                    if (f.length == 0) {
                        p0 = 1;
                        p1 = 0;
                    } else {
                        p0 = vr[f[0] * d + t];
                        p1 = vi[f[0] * d + t];
                    }
                    for (int q = 1; q < f.length; q++) {
                        long b0 = vr[f[q] * d + t];
                        long b1 = vi[f[q] * d + t];
                        long v0 = mul(p0, b0);
                        long v1 = mul(p1, b1);
                        long cross = mul(add(p0, p1), add(b0, b1));
                        p0 = add(v0, mul(Ext2.W, v1));
                        p1 = sub(sub(cross, v0), v1);
                    }
                    int at = 2 * (j * d + t);
                    sums[at] = add(sums[at], p0);
                    sums[at + 1] = add(sums[at + 1], p1);
                }
            }
        }
        System.arraycopy(sums, 0, acc, off, sums.length);
    }
}
