package io.zkgw.prover.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.ir.IntInterpreter;
import io.zkgw.ir.IntModel;
import io.zkgw.ir.IntOp;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.poly.Mle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Zero knowledge of protocol version 4 (docs/inference-proofs.md §11), observed from the verifier's side
 * only (taps on the values it reads): the leak paths of the plain format are exploited for real and fail on
 * the zero-knowledge format, and every field element of a zero-knowledge proof is uniform whatever the
 * weights.
 */
class ZeroKnowledgeTest {
    private static final byte[] KEY = new byte[32];

    /** Every weight and bias of every linear op negated: a different weight set with the same D (bounds use |W|). */
    static IntModel negatedWeights(IntModel m) {
        List<IntOp> ops = new ArrayList<>();
        for (IntOp op : m.ops()) {
            ops.add(switch (op) {
                case IntOp.Dense d -> new IntOp.Dense(d.in(), d.out(), neg(d.w()), neg(d.b()));
                case IntOp.Conv c -> new IntOp.Conv(c.win(), c.outC(), neg(c.w()), neg(c.b()));
                default -> op;
            });
        }
        return new IntModel(m.inputShape(), m.inLo(), m.inHi(), ops);
    }

    private static long[] neg(long[] a) {
        long[] c = a.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] = -c[i];
        }
        return c;
    }

    /** What an observer of one proof sees: stage rounds and finals (with instance points), sent values, opened values. */
    record Observed(List<ExtVector> rounds, List<Ext2> finals, Map<String, List<Ext2>> sent, List<Ext2> opened,
                    List<Object[]> instanceFinals) {}

    static Observed observe(CommittedModel cm, IntModel model, long[] x, byte[] requesterSeed, long seed, ProofMode mode) throws Exception {
        RequesterCommitments rq = RequesterCommitments.commit(cm.description(), x, requesterSeed, mode);
        InferenceProof p = InferenceProver.prove(cm, List.of(IntInterpreter.run(model, x)), List.of(rq), seed, true, null);
        List<ExtVector> rounds = new ArrayList<>();
        List<Ext2> finals = new ArrayList<>();
        List<Object[]> inst = new ArrayList<>();
        Map<String, List<Ext2>> sent = new HashMap<>();
        List<Ext2> opened = new ArrayList<>();
        Stage.TAP.set((stage, rs, fs, instances, points) -> {
            rounds.addAll(rs);
            for (int i = 0; i < fs.size(); i++) {
                Instance in = instances.get(i);
                for (int k = 0; k < in.slots().size(); k++) {
                    // eq and public values are the verifier's own functions of the challenges
                    if (!(in.slots().get(k) instanceof Instance.Eq) && !(in.slots().get(k) instanceof Instance.Public)) {
                        finals.add(fs.get(i).get(k));
                    }
                }
                inst.add(new Object[] {in.name(), points.get(i), fs.get(i), in.slots()});
            }
        });
        ProofSource.VALUE_TAP.set((label, v) -> sent.computeIfAbsent(label, l -> new ArrayList<>()).add(v));
        InferenceVerifier.OPENING_TAP.set((what, claims, bytes) -> claims.forEach(cl -> opened.add(cl.value())));
        try {
            InferenceVerifier.verify(cm.description(), cm.commitment(), List.of(new RequestStatement(rq.input(), rq.mask(), p.maskedOutputs().getFirst())),
                    p.bytes(), mode);
        } finally {
            Stage.TAP.remove();
            ProofSource.VALUE_TAP.remove();
            InferenceVerifier.OPENING_TAP.remove();
        }
        return new Observed(rounds, finals, sent, opened, inst);
    }

    // ------------------------------------------------------------------ attacks

    /**
     * The sumcheck attack: bc_logreg's Dense layer ends its linear sumcheck in W*(σ) = Σ_u eq(σ, u)·W*[u] (one
     * output, so no ρ_o). 2^n proofs on different inputs give 2^n such equations at fresh σ; solving them
     * returns every weight from plain proofs and nothing from zero-knowledge ones (W*(σ) + r_n(1 − r_n)·m).
     */
    @Test
    void sumcheckFinalValuesRevealTheWeightsOfPlainProofsOnly() throws Exception {
        Fixtures.Fixture f = Fixtures.get("bc_logreg");
        IntOp.Dense dense = (IntOp.Dense) f.model().ops().stream().filter(o -> o instanceof IntOp.Dense).findFirst().orElseThrow();
        for (ProofMode mode : ProofMode.values()) {
            CommittedModel cm = CommittedModel.commit(f.model(), KEY, mode);
            Circuit c = Circuit.compile(cm.description(), 1);
            DenseGadget g = (DenseGadget) c.gadgets().stream().filter(x -> x instanceof DenseGadget).findFirst().orElseThrow();
            int n = g.in.vars;
            int size = 1 << n;
            Ext2[][] a = new Ext2[size][];
            Ext2[] y = new Ext2[size];
            for (int i = 0; i < size; i++) {
                Observed o = observe(cm, f.model(), f.input(40 + i), new byte[] {(byte) i, 7}, 500 + i, mode);
                Object[] row = o.instanceFinals().stream().filter(r -> ((String) r[0]).equals(g.name)).findFirst().orElseThrow();
                ExtVector sigma = (ExtVector) row[1];
                long[][] eq = Mle.eqTable(sigma);
                a[i] = new Ext2[size];
                for (int u = 0; u < size; u++) {
                    a[i][u] = new Ext2(eq[0][u], eq[1][u]);
                }
                y[i] = ((ExtVector) row[2]).get(0); // slot 0: W*(ρ_o, σ)
            }
            Ext2[] w = solve(a, y);
            long[] truth = new long[size];
            for (int i = 0; i < dense.in(); i++) {
                truth[g.in.pos[i]] = Goldilocks.fromSigned(dense.w()[i]);
            }
            long[] recovered = new long[size];
            boolean base = true;
            for (int u = 0; u < size; u++) {
                base &= w[u].c1() == 0;
                recovered[u] = w[u].c0();
            }
            if (mode == ProofMode.PLAIN_TEST_ONLY) {
                assertTrue(base);
                assertArrayEquals(truth, recovered, "the sumcheck attack recovers every weight from " + size + " plain proofs");
            } else {
                int same = 0;
                for (int u = 0; u < size; u++) {
                    same += base && truth[u] == recovered[u] && truth[u] != 0 ? 1 : 0;
                }
                assertEquals(0, same, "no weight recovered from zero-knowledge proofs");
            }
        }
    }

    /** The bias value at the verifier's point: for a one-output layer, the bias itself in plain proofs; masked in ZK ones. */
    @Test
    void biasValuesAreTheBiasInPlainProofsAndUniformInZeroKnowledgeProofs() throws Exception {
        Fixtures.Fixture f = Fixtures.get("bc_logreg");
        long bias = ((IntOp.Dense) f.model().ops().stream().filter(o -> o instanceof IntOp.Dense).findFirst().orElseThrow()).b()[0];
        Ext2 clear = Ext2.ofBase(Goldilocks.fromSigned(bias));
        long[] x = f.input(3);
        CommittedModel plain = CommittedModel.commit(f.model(), KEY, ProofMode.PLAIN_TEST_ONLY);
        assertEquals(clear, observe(plain, f.model(), x, new byte[] {3}, 5, ProofMode.PLAIN_TEST_ONLY).sent().get("dense/bias").getFirst());
        CommittedModel zk = CommittedModel.commit(f.model(), KEY, ProofMode.ZERO_KNOWLEDGE);
        Ext2 b1 = observe(zk, f.model(), x, new byte[] {3}, 5, ProofMode.ZERO_KNOWLEDGE).sent().get("dense/bias").getFirst();
        Ext2 b2 = observe(zk, f.model(), x, new byte[] {3}, 6, ProofMode.ZERO_KNOWLEDGE).sent().get("dense/bias").getFirst();
        assertNotEquals(clear, b1);
        assertNotEquals(clear, b2);
        assertNotEquals(b1, b2, "another proof of the same statement: another mask");
    }

    /**
     * Brute force of a low-entropy input from its opening: an observer who can list candidate inputs
     * evaluates each candidate's polynomial at the opening point and compares with the opened value. It
     * finds x in plain proofs; in zero-knowledge ones the opened value (1 − ρ_t)·x~(ρ) + ρ_t·R_x~(ρ) matches
     * no candidate (the true one included).
     */
    @Test
    void openedInputValuesCannotBeBruteForcedInZeroKnowledgeProofs() throws Exception {
        Fixtures.Fixture f = Fixtures.get("bc_mlp");
        long[] x = f.input(4);
        List<long[]> candidates = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            candidates.add(f.input(i));
        }
        for (ProofMode mode : ProofMode.values()) {
            CommittedModel cm = CommittedModel.commit(f.model(), KEY, mode);
            RequesterCommitments rq = RequesterCommitments.commit(cm.description(), x, new byte[] {9}, mode);
            InferenceProof p = InferenceProver.prove(cm, List.of(IntInterpreter.run(f.model(), x)), List.of(rq), 1, true, null);
            List<io.zkgw.prover.pcs.EvalClaim> seen = new ArrayList<>();
            InferenceVerifier.OPENING_TAP.set((what, claims, bytes) -> {
                if (what.startsWith("input")) {
                    seen.addAll(claims);
                }
            });
            try {
                InferenceVerifier.verify(cm.description(), cm.commitment(),
                        List.of(new RequestStatement(rq.input(), rq.mask(), p.maskedOutputs().getFirst())), p.bytes(), mode);
            } finally {
                InferenceVerifier.OPENING_TAP.remove();
            }
            io.zkgw.prover.pcs.EvalClaim claim = seen.getFirst();
            ExtVector point = claim.point();
            ExtVector rho = point.slice(point.size() - Circuit.compile(cm.description(), 1).inputVars(), point.size());
            int matches = 0;
            boolean trueMatches = false;
            for (long[] cand : candidates) {
                boolean m = Mle.evaluate(RequesterCommitments.inputPolynomial(cm.description(), cand), rho).equals(claim.value());
                matches += m ? 1 : 0;
                trueMatches |= m && java.util.Arrays.equals(cand, x);
            }
            if (mode == ProofMode.PLAIN_TEST_ONLY) {
                assertTrue(trueMatches && matches == 1, "the plain opening singles out the true input");
            } else {
                assertEquals(0, matches, "no candidate matches a zero-knowledge opening");
            }
        }
    }

    /**
     * The pool size is a function of D, B and K, so the same statement and seed give the same bytes whether
     * or not this JVM has proved the model before (a retry re-sends identical bytes: nothing new is revealed,
     * no proof budget is spent twice).
     */
    @Test
    void proofsAreDeterministicWhateverTheJvmHasSeen() throws Exception {
        Fixtures.Fixture f = Fixtures.get("digits_cnn");
        CommittedModel cm = CommittedModel.commit(f.model(), KEY, 4);
        long[] x = f.input(2);
        RequesterCommitments rq = RequesterCommitments.commit(cm.description(), x, new byte[] {4, 2});
        InferenceProver.POOL_VARS.clear();
        byte[] cold = InferenceProver.prove(cm, IntInterpreter.run(f.model(), x), rq, 77).bytes();
        byte[] warm = InferenceProver.prove(cm, IntInterpreter.run(f.model(), x), rq, 77).bytes();
        assertArrayEquals(cold, warm);
        CommittedModel other = CommittedModel.commit(f.model(), KEY, 64);
        InferenceProver.prove(other, IntInterpreter.run(f.model(), x), RequesterCommitments.commit(cm.description(), x, new byte[] {4, 3}), 1);
        assertArrayEquals(cold, InferenceProver.prove(cm, IntInterpreter.run(f.model(), x), rq, 77).bytes(), "another budget, same D");
    }

    // ------------------------------------------------------------------ uniformity

    /**
     * χ² on the low four bits of both coordinates of every proof element an observer sees (round messages,
     * final values, sent values, opened values), bc_logreg with its weights and with every weight negated (same
     * D), the same inputs and requester seeds: uniform for both weight sets, and the two histograms agree.
     * The plain format fails the same test (the power check).
     */
    @Test
    void proofElementsAreUniformWhateverTheWeights() throws Exception {
        Fixtures.Fixture f = Fixtures.get("bc_logreg");
        IntModel a = f.model();
        IntModel b = negatedWeights(a);
        assertEquals(CircuitDescription.of(a).hash(), CircuitDescription.of(b).hash(), "same public D");
        int proofs = 40;
        Map<String, long[]> histA = histograms(a, proofs, ProofMode.ZERO_KNOWLEDGE);
        Map<String, long[]> histB = histograms(b, proofs, ProofMode.ZERO_KNOWLEDGE);
        // 15 degrees of freedom: P(χ² > 40.8) ≈ 0.0004 per test
        double limit = 40.8;
        for (String k : histA.keySet()) {
            assertTrue(total(histA.get(k)) >= 320, k + ": " + total(histA.get(k)) + " samples");
            assertTrue(chiSquareUniform(histA.get(k)) < limit, k + " (weights A): χ² = " + chiSquareUniform(histA.get(k)));
            assertTrue(chiSquareUniform(histB.get(k)) < limit, k + " (weights B): χ² = " + chiSquareUniform(histB.get(k)));
            assertTrue(chiSquareTwoSample(histA.get(k), histB.get(k)) < limit, k + ": A and B differ, χ² = "
                    + chiSquareTwoSample(histA.get(k), histB.get(k)));
        }
        Map<String, long[]> plain = histograms(a, 8, ProofMode.PLAIN_TEST_ONLY);
        assertTrue(chiSquareUniform(plain.get("sent values")) > limit || chiSquareUniform(plain.get("final values")) > limit,
                "the plain format's values are not uniform (the test has power)");
    }

    private static Map<String, long[]> histograms(IntModel model, int proofs, ProofMode mode) throws Exception {
        Fixtures.Fixture f = Fixtures.get("bc_logreg");
        CommittedModel cm = CommittedModel.commit(model, KEY, mode);
        Map<String, long[]> h = new java.util.TreeMap<>();
        for (String k : List.of("round messages", "final values", "sent values", "opened values")) {
            h.put(k, new long[16]);
        }
        for (int i = 0; i < proofs; i++) {
            Observed o = observe(cm, model, f.input(i % 20), new byte[] {(byte) i, 1}, 7000 + i, mode);
            for (ExtVector r : o.rounds()) {
                for (int j = 0; j < r.size(); j++) {
                    add(h.get("round messages"), r.get(j));
                }
            }
            o.finals().forEach(v -> add(h.get("final values"), v));
            o.sent().values().forEach(l -> l.forEach(v -> add(h.get("sent values"), v)));
            o.opened().forEach(v -> add(h.get("opened values"), v));
        }
        return h;
    }

    private static void add(long[] h, Ext2 v) {
        h[(int) (v.c0() & 15)]++;
        h[(int) (v.c1() & 15)]++;
    }

    private static long total(long[] h) {
        long t = 0;
        for (long x : h) {
            t += x;
        }
        return t;
    }

    static double chiSquareUniform(long[] h) {
        double n = total(h);
        double e = n / h.length;
        double s = 0;
        for (long x : h) {
            s += (x - e) * (x - e) / e;
        }
        return s;
    }

    static double chiSquareTwoSample(long[] a, long[] b) {
        double na = total(a);
        double nb = total(b);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double t = a[i] + b[i];
            if (t == 0) {
                continue;
            }
            double ea = t * na / (na + nb);
            double eb = t * nb / (na + nb);
            s += (a[i] - ea) * (a[i] - ea) / ea + (b[i] - eb) * (b[i] - eb) / eb;
        }
        return s;
    }

    /** Gaussian elimination over Ext2 (square, non-singular with overwhelming probability). */
    static Ext2[] solve(Ext2[][] a, Ext2[] y) {
        int n = y.length;
        Ext2[][] m = new Ext2[n][];
        Ext2[] r = y.clone();
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        for (int col = 0; col < n; col++) {
            int piv = col;
            while (m[piv][col].isZero()) {
                piv++;
            }
            Ext2[] t = m[col];
            m[col] = m[piv];
            m[piv] = t;
            Ext2 ty = r[col];
            r[col] = r[piv];
            r[piv] = ty;
            Ext2 inv = m[col][col].inv();
            for (int k = 0; k < n; k++) {
                m[col][k] = m[col][k].mul(inv);
            }
            r[col] = r[col].mul(inv);
            for (int i = 0; i < n; i++) {
                if (i != col && !m[i][col].isZero()) {
                    Ext2 f = m[i][col];
                    for (int k = 0; k < n; k++) {
                        m[i][k] = m[i][k].sub(f.mul(m[col][k]));
                    }
                    r[i] = r[i].sub(f.mul(r[col]));
                }
            }
        }
        return r;
    }
}
