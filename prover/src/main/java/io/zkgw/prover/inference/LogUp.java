package io.zkgw.prover.inference;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.sumcheck.SumOfProducts;
import java.util.ArrayList;
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
            List<Walk> walks = List.of(new Walk("lookups", c.lookupVars()), new Walk("table", c.limbBits()));
            Stage root = new Stage("fraction tree roots");
            int h = root.add(rootsInstance());
            root.verify(s.in, new Claims());
            startFromRoots(walks, root.result(h), s.transcript.challengeExt("logup/mu"));
            walkLayers(walks, s.in);
            leafClaims(c, beta, walks.get(0).end(), walks.get(1).end(), s.claims, s.in.zk, (tensor, pt) -> s.in.masked("logup/column"));
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

    // ---------------- zero-knowledge format: the roots as a masked stage ----------------

    /**
     * The zero-knowledge format sends nothing of the two trees in clear: the root relation
     * P_A·Q_T = P_T·Q_A, with P = p0·q1 + p1·q0 and Q = q0·q1 over the roots' children (layer 1 of each tree),
     * is the claim 0 of a masked stage over one dummy variable whose eight polynomials are those children as
     * constant tables (so their final values are masked like any other):
     * ½·Σ_y (p0A q1A + p1A q0A)·q0T q1T − (p0T q1T + p1T q0T)·q0A q1A = 0. Q_A, Q_T ≠ 0 are not checked in
     * clear: the true denominators are products of leaf denominators β − a and β − t, non-zero unless β hits a
     * looked-up value or a table entry (already in the (L + T)/|K| term of β).
     */
    static Instance rootsInstance() {
        Ext2 half = Ext2.ofBase(io.zkgw.prover.field.Goldilocks.inv(2));
        Ext2 minusHalf = half.neg();
        // 0 p0A, 1 p1A, 2 q0A, 3 q1A, 4 p0T, 5 p1T, 6 q0T, 7 q1T
        SumOfProducts form = SumOfProducts.of(8, SumOfProducts.Term.of(half, 0, 3, 6, 7), SumOfProducts.Term.of(half, 1, 2, 6, 7),
                SumOfProducts.Term.of(minusHalf, 4, 7, 2, 3), SumOfProducts.Term.of(minusHalf, 5, 6, 2, 3));
        List<Instance.Slot> slots = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            slots.add(new Instance.Virtual());
        }
        return new Instance("fraction tree roots", 1, form, Ext2.ZERO, slots);
    }

    /** After the roots stage: each tree's layer-1 claims at μ from its (masked) children. */
    static void startFromRoots(List<Walk> walks, Stage.Result r, Ext2 mu) {
        for (int i = 0; i < walks.size(); i++) {
            Walk w = walks.get(i);
            int o = 4 * i;
            w.cp = r.mval(o).add(r.mval(o + 1).sub(r.mval(o)).mul(mu));
            w.cq = r.mval(o + 2).add(r.mval(o + 3).sub(r.mval(o + 2)).mul(mu));
            w.rho = ExtVector.of(mu);
        }
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
