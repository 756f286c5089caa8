package io.zkgw.prover.inference;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.sumcheck.SumOfProducts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Range checks by LogUp with the fractional-sum GKR argument (no commitment after the challenge): every
 * looked-up value a_i (the lookup columns concatenated, zero-padded to 2^nL) lies in the table
 * {0..2^c − 1} iff Σ_i 1/(β − a_i) = Σ_t m_t/(β − t), with m the committed multiplicities. Each side is a
 * binary tree of fractions p/q (p' = p_L·q_R + p_R·q_L, q' = q_L·q_R); the prover sends the two children of
 * the root, and each layer is reduced to the next by a degree-3 sumcheck. At the leaves: p ≡ 1 and
 * q = β − a for the lookups, a~(ρ) being a combination of committed columns at ρ; p = m~(ρ) and
 * q = β − t~(ρ) for the table. The verifier checks P_A·Q_T = P_T·Q_A with Q_A, Q_T ≠ 0.
 */
final class LogUp {
    private LogUp() {}

    /** The claims a fraction tree ends with: its root and its leaves' p~, q~ at a point. */
    record TreeEnd(Ext2 rootP, Ext2 rootQ, ExtVector point, MVal p, MVal q) {}

    /** Running claim of one tree during the layer-by-layer reduction. */
    static final class Walk {
        final String what;
        final int depth;
        Ext2 rootP;
        Ext2 rootQ;
        ExtVector rho;
        MVal cp;
        MVal cq;
        int handle;
        ExtVector topValues;

        Walk(String what, int depth) {
            this.what = what;
            this.depth = depth;
        }

        /** The root's two children (p0, p1, q0, q1); the root is p0·q1 + p1·q0 over q0·q1. */
        void top(ExtVector top) {
            Ext2 p0 = top.get(0);
            Ext2 p1 = top.get(1);
            Ext2 q0 = top.get(2);
            Ext2 q1 = top.get(3);
            rootP = p0.mul(q1).add(p1.mul(q0));
            rootQ = q0.mul(q1);
            topValues = top;
        }

        /** The claims on layer 1 at (μ). */
        void start(Ext2 mu) {
            Ext2 p0 = topValues.get(0);
            Ext2 q0 = topValues.get(2);
            cp = MVal.of(p0.add(mu.mul(topValues.get(1).sub(p0))));
            cq = MVal.of(q0.add(mu.mul(topValues.get(3).sub(q0))));
            rho = ExtVector.of(mu);
        }

        void next(Stage.Result r, Ext2 mu) {
            cp = r.mval(1).add(r.mval(2).sub(r.mval(1)).mul(mu));
            cq = r.mval(3).add(r.mval(4).sub(r.mval(3)).mul(mu));
            rho = Fx.append(r.point(), mu);
        }

        TreeEnd end() {
            return new TreeEnd(rootP, rootQ, rho, cp, cq);
        }
    }

    static Instance layerInstance(String what, int j, ExtVector rho, Ext2 lambda, MVal cp, MVal cq) {
        SumOfProducts form = SumOfProducts.of(5, SumOfProducts.Term.of(Ext2.ONE, 0, 1, 4), SumOfProducts.Term.of(Ext2.ONE, 0, 2, 3),
                SumOfProducts.Term.of(lambda, 0, 3, 4));
        return new Instance("fraction layer " + j + " of " + what, j, form, cp.add(cq.mul(lambda)),
                List.of(new Instance.Eq(rho), new Instance.Virtual(), new Instance.Virtual(), new Instance.Virtual(),
                        new Instance.Virtual()));
    }

    // ---------------- verifier ----------------

    static void verify(VerifierState s) throws VerificationException {
        Circuit c = s.circuit;
        if (c.multTensor() < 0) {
            return;
        }
        Ext2 beta = s.transcript.challengeExt("logup/beta");
        if (s.in.zk != null) {
            Walk w = new Walk("lookups and table", combinedDepth(c));
            verifyRoot(w, s.in);
            walkLayers(List.of(w), s.in);
            combinedLeafClaims(c, beta, w.end(), s.claims, s.in.zk, (tensor, pt) -> s.in.masked("logup/column"));
            return;
        }
        List<TreeEnd> ends = verifyTrees(List.of(new Walk("lookups", c.lookupVars()), new Walk("table", c.limbBits())), s.in);
        TreeEnd lk = ends.get(0);
        TreeEnd tb = ends.get(1);
        if (lk.rootQ().isZero() || tb.rootQ().isZero()) {
            throw new VerificationException("lookup argument: zero denominator at the root");
        }
        if (!lk.rootP().mul(tb.rootQ()).equals(tb.rootP().mul(lk.rootQ()))) {
            throw new VerificationException("lookup argument: the looked-up values are not all in [0, 2^" + c.limbBits() + ")"
                    + " (fraction sums differ)");
        }
        leafClaims(c, beta, lk, tb, s.claims, s.in.zk, (tensor, pt) -> s.in.masked("logup/column"));
    }

    /** The value a proof gives for a lookup column's tensor at a point (sent by the prover, read by the verifier). */
    interface ColumnValue {
        MVal get(int tensor, ExtVector point) throws VerificationException;
    }

    /**
     * The leaf checks, shared by prover and verifier so that both make the same claims in the same order:
     * lookup numerators 1, table denominators β − t, the multiplicities claim, the column values, and
     * a~(ρ) = β − q. Exact values are checked; values with pool parts become pool claims.
     */
    static void leafClaims(Circuit c, Ext2 beta, TreeEnd lk, TreeEnd tb, Claims claims, Zk zk, ColumnValue columns)
            throws VerificationException {
        requireZero(zk, lk.p().add(Ext2.ONE.neg()), "lookup argument: lookup numerators are not 1");
        Ext2 t = Ext2.ZERO;
        for (int k = 0; k < tb.point().size(); k++) {
            t = t.add(tb.point().get(k).mulBase(Fx.pow2(c.limbBits() - 1 - k)));
        }
        requireZero(zk, tb.q().add(beta.sub(t).neg()), "lookup argument: table denominators are not β − t");
        claims.witness(c.multTensor(), tb.point(), tb.p(), "lookup multiplicities");
        Map<Integer, MVal> values = new LinkedHashMap<>();
        for (Map.Entry<Integer, Integer> e : columns(c).entrySet()) {
            ExtVector pt = suffix(lk.point(), e.getValue());
            MVal v = columns.get(e.getKey(), pt);
            values.put(e.getKey(), v);
            claims.witness(e.getKey(), pt, v, "lookup column");
        }
        MVal a = MVal.of(Ext2.ZERO);
        PolyLayout layout = c.lookupLayout();
        int n = c.lookupVars();
        for (int seg = 0; seg < c.lookups().size(); seg++) {
            Circuit.LookupSeg ls = c.lookups().get(seg);
            Affine e = ls.expr();
            MVal v = MVal.of(Ext2.ofBase(e.constant()));
            for (int i = 0; i < e.tensors().length; i++) {
                v = v.add(values.get(e.tensors()[i]).mul(Ext2.ofBase(e.coefs()[i])));
            }
            int hi = n - ls.numVars();
            a = a.add(v.mul(Fx.eqAt(lk.point().slice(0, hi), layout.offset(seg) >>> ls.numVars())));
        }
        requireZero(zk, MVal.of(beta).sub(a).sub(lk.q()), "lookup argument: looked-up columns do not match the fraction tree's leaves");
    }

    /** v = 0: checked directly when exact, else (zero-knowledge format) a claim on the mask pool. */
    static void requireZero(Zk zk, MVal v, String message) throws VerificationException {
        if (zk == null) {
            if (!v.exact() || !v.known().isZero()) {
                throw new VerificationException(message);
            }
            return;
        }
        zk.requireEqual(v, Ext2.ZERO, message);
    }

    private static List<TreeEnd> verifyTrees(List<Walk> walks, ProofSource in) throws VerificationException {
        for (Walk w : walks) {
            w.top(in.exts("logup/" + w.what + "/top", 4));
        }
        Ext2 mu = in.transcript().challengeExt("logup/mu");
        walks.forEach(w -> w.start(mu));
        walkLayers(walks, in);
        return walks.stream().map(Walk::end).toList();
    }

    /** Layers 1 .. depth − 1 of every walk, from its claims on layer 1. */
    private static void walkLayers(List<Walk> walks, ProofSource in) throws VerificationException {
        int depth = walks.stream().mapToInt(w -> w.depth).max().orElseThrow();
        for (int j = 1; j < depth; j++) {
            Ext2 lambda = in.transcript().challengeExt("logup/lambda");
            Stage stage = new Stage("fraction layer " + j);
            for (Walk w : walks) {
                if (w.depth > j) {
                    w.handle = stage.add(layerInstance(w.what, j, w.rho, lambda, w.cp, w.cq));
                }
            }
            stage.verify(in, new Claims());
            Ext2 nmu = in.transcript().challengeExt("logup/mu");
            for (Walk w : walks) {
                if (w.depth > j) {
                    w.next(stage.result(w.handle), nmu);
                }
            }
        }
    }

    // ---------------- zero-knowledge format: one combined tree ----------------

    /**
     * Depth of the combined tree of the zero-knowledge format: leaves (h, x) with h = 0 the lookups
     * (1, β − a_x) for x &lt; 2^nL, h = 1 the table (−m_x, β − x) for x &lt; 2^c, and (0, 1) elsewhere;
     * x has N = max(nL, c) bits. The range check is "root numerator = 0": Σ 1/(β − a) = Σ m/(β − t) (the
     * root denominator is the product of all leaf denominators, non-zero unless β hits a looked-up value or
     * a table entry). Nothing about the tree is sent in clear: the root relation is the first masked stage.
     */
    static int combinedDepth(Circuit c) {
        return Math.max(c.lookupVars(), c.limbBits()) + 1;
    }

    /**
     * The root: Σ_{y ∈ {0,1}} ½·(p_L·q_R + p_R·q_L) = 0 over one dummy variable (the root's children as
     * constant tables, so that their final values can be masked); then the claims on layer 1 at μ.
     */
    static Instance rootInstance() {
        Ext2 half = Ext2.ofBase(io.zkgw.prover.field.Goldilocks.inv(2));
        SumOfProducts form = SumOfProducts.of(4, SumOfProducts.Term.of(half, 0, 3), SumOfProducts.Term.of(half, 1, 2));
        return new Instance("fraction tree root", 1, form, Ext2.ZERO,
                List.of(new Instance.Virtual(), new Instance.Virtual(), new Instance.Virtual(), new Instance.Virtual()));
    }

    /** After the root stage: layer-1 claims at μ from the (masked) children. */
    static void startFromRoot(Walk w, Stage.Result r, Ext2 mu) {
        w.cp = r.mval(0).add(r.mval(1).sub(r.mval(0)).mul(mu));
        w.cq = r.mval(2).add(r.mval(3).sub(r.mval(2)).mul(mu));
        w.rho = ExtVector.of(mu);
    }

    private static void verifyRoot(Walk w, ProofSource in) throws VerificationException {
        Stage root = new Stage("fraction tree root");
        int h = root.add(rootInstance());
        root.verify(in, new Claims());
        startFromRoot(w, root.result(h), in.transcript().challengeExt("logup/mu"));
    }

    /** The leaf checks of the combined tree (shared by prover and verifier, like {@link #leafClaims}). */
    static void combinedLeafClaims(Circuit c, Ext2 beta, TreeEnd end, Claims claims, Zk zk, ColumnValue columns)
            throws VerificationException {
        int n = combinedDepth(c) - 1;
        int nL = c.lookupVars();
        int nT = c.limbBits();
        ExtVector rho = end.point();
        Ext2 h = rho.get(0);
        ExtVector x = rho.slice(1, rho.size());
        Ext2 indL = prefixZero(x, n - nL);
        Ext2 indT = prefixZero(x, n - nT);
        ExtVector rhoL = x.slice(n - nL, n);
        ExtVector rhoT = x.slice(n - nT, n);
        Ext2 oneMinusH = Ext2.ONE.sub(h);
        // p(ρ) = (1 − h)·indL − h·indT·m~(ρ_T): the multiplicities claim
        Ext2 scale = h.mul(indT);
        if (scale.isZero()) {
            throw new VerificationException("lookup argument: degenerate leaf point");
        }
        MVal m = MVal.of(oneMinusH.mul(indL)).sub(end.p()).mul(scale.inv());
        claims.witness(c.multTensor(), rhoT, m, "lookup multiplicities");
        Map<Integer, MVal> values = new LinkedHashMap<>();
        for (Map.Entry<Integer, Integer> e : columns(c).entrySet()) {
            ExtVector pt = suffix(rhoL, e.getValue());
            MVal v = columns.get(e.getKey(), pt);
            values.put(e.getKey(), v);
            claims.witness(e.getKey(), pt, v, "lookup column");
        }
        MVal a = MVal.of(Ext2.ZERO);
        PolyLayout layout = c.lookupLayout();
        for (int seg = 0; seg < c.lookups().size(); seg++) {
            Circuit.LookupSeg ls = c.lookups().get(seg);
            Affine e = ls.expr();
            MVal v = MVal.of(Ext2.ofBase(e.constant()));
            for (int i = 0; i < e.tensors().length; i++) {
                v = v.add(values.get(e.tensors()[i]).mul(Ext2.ofBase(e.coefs()[i])));
            }
            int hi = nL - ls.numVars();
            a = a.add(v.mul(Fx.eqAt(rhoL.slice(0, hi), layout.offset(seg) >>> ls.numVars())));
        }
        Ext2 t = Ext2.ZERO;
        for (int k = 0; k < nT; k++) {
            t = t.add(rhoT.get(k).mulBase(Fx.pow2(nT - 1 - k)));
        }
        // q(ρ) = (1 − h)·(indL·(β − a) + 1 − indL) + h·(indT·(β − t) + 1 − indT)
        MVal q = MVal.of(beta).sub(a).mul(indL).add(Ext2.ONE.sub(indL)).mul(oneMinusH)
                .add(h.mul(indT.mul(beta.sub(t)).add(Ext2.ONE.sub(indT))));
        requireZero(zk, q.sub(end.q()), "lookup argument: the looked-up values are not all in [0, 2^" + c.limbBits()
                + ") (leaf denominators do not match the columns and the table)");
    }

    /** Π_{k < bits} (1 − x_k): the multilinear indicator of "the first bits are 0". */
    static Ext2 prefixZero(ExtVector x, int bits) {
        Ext2 v = Ext2.ONE;
        for (int k = 0; k < bits; k++) {
            v = v.mul(Ext2.ONE.sub(x.get(k)));
        }
        return v;
    }

    /** Distinct tensors of the lookup columns in first-appearance order, with their numbers of variables. */
    static Map<Integer, Integer> columns(Circuit c) {
        Map<Integer, Integer> out = new LinkedHashMap<>();
        for (Circuit.LookupSeg ls : c.lookups()) {
            for (int t : ls.expr().tensors()) {
                out.putIfAbsent(t, ls.numVars());
            }
        }
        return out;
    }

    static ExtVector suffix(ExtVector point, int vars) {
        return point.slice(point.size() - vars, point.size());
    }
}
