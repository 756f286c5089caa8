package io.zkgw.prover.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.ir.IntInterpreter;
import io.zkgw.prover.codec.ByteReader;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.pcs.EvalClaim;
import io.zkgw.prover.pcs.tensor.TensorLayout;
import io.zkgw.prover.pcs.tensor.TensorPcsParams;
import io.zkgw.prover.poly.Mle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 7's attack, run for real: an observer collects proofs of one model on many inputs and solves for
 * the weights with linear algebra. The observer sees only the public statement and the proof bytes; it
 * replays the verifier (a test hook hands it each PCS opening with its public claim) and reads the
 * weight opening's evaluation row u.
 *
 * <p>In a plain (non-hiding) proof u = β·a^T·M_W, with a = eq(σ_row, ·) public and β = ⟨u, b⟩/v recoverable
 * from the claim v, so every proof gives cols linear equations in the R × cols weight matrix; R proofs on
 * different inputs determine it. In a zero-knowledge proof u = β·a^T·M_W + c·R_eval with a fresh random
 * evaluation mask, and the same computation returns garbage.
 */
class WeightRecoveryAttackTest {

    /** What the attack recovers from proofs of one model, or null where its linear system is singular. */
    static long[] recoverWeightPolynomial(CommittedModel cm, ProofMode mode, int proofs) throws Exception {
        Fixtures.Fixture f = null;
        for (String name : Fixtures.ALL) {
            if (Fixtures.get(name).model() == cm.model()) {
                f = Fixtures.get(name);
            }
        }
        CircuitDescription d = cm.description();
        Circuit c = Circuit.compile(d, 1);
        int nW = (mode.zk ? Zk.weightLayout(c, cm.proofBudget()) : c.weightLayout()).totalVars();
        TensorLayout layout = mode.weightCommitmentLayout(c, cm.proofBudget());
        int rows = layout.rowCount(0);
        int cols = layout.cols();
        List<ExtVector> aRows = new ArrayList<>();
        List<Ext2[]> yRows = new ArrayList<>();
        for (int i = 0; i < proofs; i++) {
            long[] x = f.input(20 + i);
            RequesterCommitments rq = RequesterCommitments.commit(d, x, new byte[] {(byte) i, 42}, mode);
            InferenceProof p = InferenceProver.prove(cm, java.util.List.of(IntInterpreter.run(f.model(), x)), List.of(rq), 1000 + i, true, null);
            // ---- the observer from here on: public statement and proof bytes only ----
            List<Object[]> seen = new ArrayList<>();
            InferenceVerifier.OPENING_TAP.set((what, claims, bytes) -> seen.add(new Object[] {what, claims, bytes}));
            try {
                InferenceVerifier.verify(d, cm.commitment(), List.of(new RequestStatement(rq.input(), rq.mask(), p.maskedOutputs().getFirst())),
                        p.bytes(), mode);
            } finally {
                InferenceVerifier.OPENING_TAP.remove();
            }
            Object[] w = seen.stream().filter(o -> ((String) o[0]).startsWith("weights")).findFirst().orElseThrow();
            @SuppressWarnings("unchecked")
            EvalClaim claim = ((List<EvalClaim>) w[1]).getFirst();
            ByteReader r = new ByteReader((byte[]) w[2], "weight opening");
            r.u8("version");
            if (mode.hiding()) {
                r.ext("mask value");
            }
            r.extVector(layout.messageLength(), "proximity row");
            ExtVector u = r.extVector(layout.messageLength(), "evaluation row");
            long[][] tv = layout.tensorVectors(0, claim.point());
            Ext2 ub = Ext2.ZERO;
            for (int j = 0; j < cols; j++) {
                ub = ub.add(u.get(j).mul(new Ext2(tv[2][j], tv[3][j])));
            }
            Ext2 betaInv = claim.value().mul(ub.inv()); // β = ⟨u, b⟩ / v
            Ext2[] y = new Ext2[cols];
            for (int j = 0; j < cols; j++) {
                y[j] = u.get(j).mul(betaInv);
            }
            long[] a0 = tv[0];
            long[] a1 = tv[1];
            aRows.add(ExtVector.of(a0, a1));
            yRows.add(y);
        }
        // Solve A·M = Y column by column (A: proofs × rows over Ext2), Gaussian elimination on the first `rows` proofs.
        Ext2[][] a = new Ext2[rows][rows];
        Ext2[][] y = new Ext2[rows][];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < rows; k++) {
                a[i][k] = aRows.get(i).get(k);
            }
            y[i] = yRows.get(i).clone();
        }
        for (int col = 0; col < rows; col++) {
            int piv = col;
            while (piv < rows && a[piv][col].isZero()) {
                piv++;
            }
            if (piv == rows) {
                return null;
            }
            Ext2[] t = a[col]; a[col] = a[piv]; a[piv] = t;
            Ext2[] ty = y[col]; y[col] = y[piv]; y[piv] = ty;
            Ext2 inv = a[col][col].inv();
            for (int k = 0; k < rows; k++) {
                a[col][k] = a[col][k].mul(inv);
            }
            for (int j = 0; j < cols; j++) {
                y[col][j] = y[col][j].mul(inv);
            }
            for (int i = 0; i < rows; i++) {
                if (i != col && !a[i][col].isZero()) {
                    Ext2 m = a[i][col];
                    for (int k = 0; k < rows; k++) {
                        a[i][k] = a[i][k].sub(m.mul(a[col][k]));
                    }
                    for (int j = 0; j < cols; j++) {
                        y[i][j] = y[i][j].sub(m.mul(y[col][j]));
                    }
                }
            }
        }
        long[] poly = new long[1 << nW];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols && i * cols + j < poly.length; j++) {
                if (y[i][j].c1() != 0) {
                    return poly; // not even a base-field value: the system was inconsistent, the attack failed
                }
                poly[i * cols + j] = y[i][j].c0();
            }
        }
        return poly;
    }

    static long[] trueWeightPolynomial(CommittedModel cm) {
        return cm.weightPolynomial(Circuit.compile(cm.description(), 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bc_logreg", "bc_mlp"})
    void plainProofsRevealTheWeightsAndZeroKnowledgeProofsDoNot(String name) throws Exception {
        Fixtures.Fixture f = Fixtures.get(name);
        byte[] key = new byte[32];
        key[0] = 1;
        CommittedModel plain = CommittedModel.commit(f.model(), key, ProofMode.PLAIN_TEST_ONLY);
        int rows = TensorLayout.of(TensorPcsParams.STANDARD, List.of(Circuit.compile(plain.description(), 1).weightLayout().totalVars()))
                .rowCount(0);
        long[] truth = trueWeightPolynomial(plain);
        long[] recovered = recoverWeightPolynomial(plain, ProofMode.PLAIN_TEST_ONLY, rows);
        assertArrayEquals(truth, recovered, "the attack recovers every weight from " + rows + " plain proof(s)");
        long nonZero = java.util.Arrays.stream(truth).filter(v -> v != 0).count();
        assertTrue(nonZero > 10, "a model with real weights");

        CommittedModel zk = CommittedModel.commit(f.model(), key, ProofMode.ZERO_KNOWLEDGE);
        long[] zkTruth = trueWeightPolynomial(zk);
        int zkRows = ProofMode.ZERO_KNOWLEDGE.weightCommitmentLayout(Circuit.compile(zk.description(), 1), zk.proofBudget()).rowCount(0);
        long[] fromZk = recoverWeightPolynomial(zk, ProofMode.ZERO_KNOWLEDGE, Math.max(zkRows, 1) + 2);
        if (fromZk != null) {
            int same = 0;
            for (int i = 0; i < zkTruth.length; i++) {
                same += zkTruth[i] == fromZk[i] && zkTruth[i] != 0 ? 1 : 0;
            }
            assertEquals(0, same, "no weight recovered from zero-knowledge proofs");
            assertFalse(java.util.Arrays.equals(zkTruth, fromZk));
        }
    }

    /**
     * The known leak of version 3 (the bias of a one-output Dense layer sent in clear) is closed: in version 4
     * every sent value is masked (ZeroKnowledgeTest covers the bias, sumcheck values and the rest).
     */
    @org.junit.jupiter.api.Test
    void theBiasIsNoLongerSentInClear() throws Exception {
        Fixtures.Fixture f = Fixtures.get("bc_logreg");
        byte[] key = new byte[32];
        key[0] = 2;
        CommittedModel cm = CommittedModel.commit(f.model(), key);
        long bias = ((io.zkgw.ir.IntOp.Dense) f.model().ops().stream().filter(o -> o instanceof io.zkgw.ir.IntOp.Dense).findFirst()
                .orElseThrow()).b()[0];
        long[] x = f.input(3);
        RequesterCommitments rq = RequesterCommitments.commit(cm.description(), x, new byte[] {3});
        InferenceProof p = InferenceProver.prove(cm, IntInterpreter.run(f.model(), x), rq, 5);
        List<Ext2> biasValues = new ArrayList<>();
        ProofSource.VALUE_TAP.set((label, v) -> {
            if (label.equals("dense/bias")) {
                biasValues.add(v);
            }
        });
        try {
            InferenceVerifier.verify(cm.description(), cm.commitment(), rq.input(), rq.mask(), p.maskedOutputs().getFirst(), p.bytes());
        } finally {
            ProofSource.VALUE_TAP.remove();
        }
        assertEquals(1, biasValues.size());
        org.junit.jupiter.api.Assertions.assertNotEquals(Ext2.ofBase(Goldilocks.fromSigned(bias)), biasValues.getFirst(), "the bias is masked");
    }

    /** The plain format exists for the attack above only: the public verifier accepts version 3 (hiding) alone. */
    @org.junit.jupiter.api.Test
    void thePublicVerifierRejectsThePlainFormatAndTheTestModeRejectsTheHidingOne() throws Exception {
        Fixtures.Fixture f = Fixtures.get("bc_mlp");
        byte[] key = new byte[32];
        key[0] = 3;
        for (ProofMode mode : ProofMode.values()) {
            CommittedModel cm = CommittedModel.commit(f.model(), key, mode);
            long[] x = f.input(1);
            RequesterCommitments rq = RequesterCommitments.commit(cm.description(), x, new byte[] {1, 2, 3}, mode);
            InferenceProof p = InferenceProver.prove(cm, List.of(IntInterpreter.run(f.model(), x)), List.of(rq), 7, true, null);
            List<RequestStatement> st = List.of(new RequestStatement(rq.input(), rq.mask(), p.maskedOutputs().getFirst()));
            InferenceVerifier.verify(cm.description(), cm.commitment(), st, p.bytes(), mode);
            ProofMode other = mode == ProofMode.ZERO_KNOWLEDGE ? ProofMode.PLAIN_TEST_ONLY : ProofMode.ZERO_KNOWLEDGE;
            io.zkgw.prover.codec.DecodingException e = org.junit.jupiter.api.Assertions.assertThrows(
                    io.zkgw.prover.codec.DecodingException.class,
                    () -> InferenceVerifier.verify(cm.description(), cm.commitment(), st, p.bytes(), other));
            assertTrue(e.getMessage().contains("version"), e.getMessage());
            if (mode == ProofMode.PLAIN_TEST_ONLY) {
                org.junit.jupiter.api.Assertions.assertThrows(io.zkgw.prover.VerificationException.class,
                        () -> InferenceVerifier.verify(cm.description(), cm.commitment(), st, p.bytes()));
            }
        }
    }
}
