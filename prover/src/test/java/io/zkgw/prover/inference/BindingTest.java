package io.zkgw.prover.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.ir.IntInterpreter;
import io.zkgw.ir.IntModel;
import io.zkgw.ir.IntOp;
import io.zkgw.ir.Witness;
import io.zkgw.inference.ort.ExecutionProvider;
import io.zkgw.inference.ort.OrtWitnessRunner;
import io.zkgw.prover.VerificationException;
import io.zkgw.prover.field.Goldilocks;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 4's binding list: every public input of the statement is bound by the proof. */
class BindingTest {
    /** An honest proof of one request and everything needed to verify it. */
    record Proved(Fixtures.Fixture f, CommittedModel cm, RequesterCommitments rq, Witness w, InferenceProof proof) {
        void verify() throws VerificationException {
            InferenceVerifier.verify(cm.description(), cm.commitment(), rq.input(), rq.mask(), proof.maskedOutputs().getFirst(), proof.bytes());
        }

        long[] z() {
            return proof.maskedOutputs().getFirst();
        }
    }

    static Proved prove(String name, int row) {
        Fixtures.Fixture f = Fixtures.get(name);
        CommittedModel cm = Fixtures.committed(name);
        long[] x = f.input(row);
        RequesterCommitments rq = RequesterCommitments.commit(cm.description(), x, new byte[] {7, (byte) row});
        Witness w = IntInterpreter.run(f.model(), x);
        return new Proved(f, cm, rq, w, InferenceProver.prove(cm, w, rq, 1234));
    }

    static VerificationException rejects(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(VerificationException.class, e);
    }

    /** The model with one op replaced. */
    static IntModel withOp(IntModel m, int i, IntOp op) {
        List<IntOp> ops = new ArrayList<>(m.ops());
        ops.set(i, op);
        return new IntModel(m.inputShape(), m.inLo(), m.inHi(), ops);
    }

    static int firstLinear(IntModel m) {
        for (int i = 0; i < m.ops().size(); i++) {
            if (m.ops().get(i) instanceof IntOp.Dense || m.ops().get(i) instanceof IntOp.Conv) {
                return i;
            }
        }
        throw new IllegalStateException();
    }

    /** Model B: model A with one non-zero weight (or bias) negated, so D (incl. accumulator bounds) is unchanged. */
    static IntModel negated(IntModel m, boolean bias) {
        int i = firstLinear(m);
        IntOp op = m.ops().get(i);
        UnaryOperator<long[]> flip = a -> {
            long[] c = a.clone();
            for (int j = 0; j < c.length; j++) {
                if (c[j] != 0) {
                    c[j] = -c[j];
                    return c;
                }
            }
            throw new IllegalStateException("all zero");
        };
        return withOp(m, i, switch (op) {
            case IntOp.Dense d -> bias ? new IntOp.Dense(d.in(), d.out(), d.w(), flip.apply(d.b())) : new IntOp.Dense(d.in(), d.out(), flip.apply(d.w()), d.b());
            case IntOp.Conv c -> bias ? new IntOp.Conv(c.win(), c.outC(), c.w(), flip.apply(c.b())) : new IntOp.Conv(c.win(), c.outC(), flip.apply(c.w()), c.b());
            default -> throw new IllegalStateException();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"bc_mlp", "digits_cnn"})
    void aProofForModelADoesNotVerifyUnderTheWeightsOfModelB(String name) throws Exception {
        Proved a = prove(name, 1);
        a.verify();
        for (boolean bias : new boolean[] {false, true}) {
            IntModel mb = negated(a.f().model(), bias);
            CommittedModel b = CommittedModel.commit(mb);
            assertEquals(a.cm().description(), b.description(), "same architecture and D");
            assertNotEquals(a.cm().commitment().weights(), b.commitment().weights());
            rejects(() -> InferenceVerifier.verify(a.cm().description(), b.commitment(), a.rq().input(), a.rq().mask(), a.z(),
                    a.proof().bytes()));
            // B's honest proof does not verify under A's weights
            Witness wb = IntInterpreter.run(mb, a.rq().opening().x());
            InferenceProof pb = InferenceProver.prove(b, wb, a.rq(), 1234);
            InferenceVerifier.verify(b.description(), b.commitment(), a.rq().input(), a.rq().mask(), pb.maskedOutputs().getFirst(), pb.bytes());
            rejects(() -> InferenceVerifier.verify(a.cm().description(), a.cm().commitment(), a.rq().input(), a.rq().mask(),
                    pb.maskedOutputs().getFirst(), pb.bytes()));
            // nor does a proof made with B's weights that binds the transcript to C_W of A: the weight opening fails
            InferenceProof cheat = InferenceProver.prove(b, List.of(wb), List.of(a.rq()), 1234, false,
                    new InferenceProver.Claimed(a.cm().commitment(), null));
            VerificationException e = rejects(() -> InferenceVerifier.verify(a.cm().description(), a.cm().commitment(), a.rq().input(),
                    a.rq().mask(), cheat.maskedOutputs().getFirst(), cheat.bytes()));
            assertTrue(e.getMessage().contains("C_W"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bc_logreg", "diabetes_reg", "digits_mlp_gap"})
    void changingOneInputOutputOrMaskElementIsRejected(String name) throws Exception {
        Proved p = prove(name, 2);
        p.verify();
        CircuitDescription d = p.cm().description();
        // one element of z
        for (int i : new int[] {0, p.z().length - 1}) {
            long[] z = p.z();
            z[i] = Goldilocks.add(z[i], 1);
            rejects(() -> InferenceVerifier.verify(d, p.cm().commitment(), p.rq().input(), p.rq().mask(), z, p.proof().bytes()));
        }
        // one input element (C_x of another input)
        long[] x = p.rq().opening().x();
        x[x.length / 2] = x[x.length / 2] == d.inHi() ? d.inHi() - 1 : x[x.length / 2] + 1;
        // (same blinding seed as the original, so that only C_x differs: the commitments hide, and fresh
        // blinding would change C_r too)
        byte[] blinding = p.rq().opening().blinding();
        RequesterCommitments other = RequesterCommitments.commit(d, x, p.rq().opening().r(), blinding, ProofMode.ZERO_KNOWLEDGE);
        rejects(() -> InferenceVerifier.verify(d, p.cm().commitment(), other.input(), p.rq().mask(), p.z(), p.proof().bytes()));
        // ...the honest proof for that other input does not verify under the original C_x...
        Witness wx = IntInterpreter.run(p.f().model(), x);
        InferenceProof po = InferenceProver.prove(p.cm(), wx, other, 1234);
        rejects(() -> InferenceVerifier.verify(d, p.cm().commitment(), p.rq().input(), p.rq().mask(), po.maskedOutputs().getFirst(),
                po.bytes()));
        // ...nor a proof on the other input that binds the transcript to the original C_x: the input opening fails
        RequestStatement claimX = new RequestStatement(p.rq().input(), p.rq().mask(), po.maskedOutputs().getFirst());
        InferenceProof cheatX = InferenceProver.prove(p.cm(), List.of(wx), List.of(other), 1234, false,
                new InferenceProver.Claimed(null, List.of(claimX)));
        VerificationException e = rejects(() -> InferenceVerifier.verify(d, p.cm().commitment(), List.of(claimX), cheatX.bytes()));
        assertTrue(e.getMessage().contains("C_x"), e.getMessage());
        // one mask element (C_r of another mask, same z)
        long[] r = p.rq().opening().r();
        r[0] = Goldilocks.add(r[0], 1);
        RequesterCommitments masked = RequesterCommitments.commit(d, p.rq().opening().x(), r, blinding, ProofMode.ZERO_KNOWLEDGE);
        assertEquals(p.rq().input(), masked.input());
        rejects(() -> InferenceVerifier.verify(d, p.cm().commitment(), p.rq().input(), masked.mask(), p.z(), p.proof().bytes()));
        // a prover that uses the other mask but claims the original C_r (with z = y + r'): the mask opening fails
        InferenceProof pm = InferenceProver.prove(p.cm(), p.w(), masked, 1234);
        RequestStatement claimR = new RequestStatement(p.rq().input(), p.rq().mask(), pm.maskedOutputs().getFirst());
        InferenceProof cheatR = InferenceProver.prove(p.cm(), List.of(p.w()), List.of(masked), 1234, false,
                new InferenceProver.Claimed(null, List.of(claimR)));
        e = rejects(() -> InferenceVerifier.verify(d, p.cm().commitment(), List.of(claimR), cheatR.bytes()));
        assertTrue(e.getMessage().contains("C_r"), e.getMessage());
    }

    /** D with the first requantisation changed; the attacker also presents the matching hash(D). */
    static CircuitDescription withRequant(CircuitDescription d, UnaryOperator<IntOp.Requant> change) {
        List<CircuitDescription.Op> ops = new ArrayList<>(d.ops());
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i) instanceof CircuitDescription.Fixed f && f.op() instanceof IntOp.Requant r) {
                ops.set(i, new CircuitDescription.Fixed(change.apply(r)));
                break;
            }
        }
        return new CircuitDescription(d.inputShape(), d.inLo(), d.inHi(), ops);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bc_mlp", "digits_cnn"})
    void changingOneRequantisationConstantIsRejected(String name) throws Exception {
        Proved p = prove(name, 3);
        CircuitDescription d = p.cm().description();
        List<CircuitDescription> changed = List.of(
                withRequant(d, r -> {
                    long[] m = r.m().clone();
                    m[0] += 1;
                    return new IntOp.Requant(r.shape(), m, r.k(), r.lo(), r.hi());
                }),
                withRequant(d, r -> {
                    long[] m = r.m().clone();
                    m[m.length - 1] -= 1;
                    return new IntOp.Requant(r.shape(), m, r.k(), r.lo(), r.hi());
                }),
                withRequant(d, r -> new IntOp.Requant(r.shape(), r.m(), r.k() + 1, r.lo(), r.hi())),
                withRequant(d, r -> new IntOp.Requant(r.shape(), r.m(), r.k() - 1, r.lo(), r.hi())),
                withRequant(d, r -> new IntOp.Requant(r.shape(), r.m(), r.k(), r.lo() - 1, r.hi())));
        for (CircuitDescription dd : changed) {
            assertNotEquals(d, dd);
            // under the original model commitment the hash of D already differs...
            VerificationException e = rejects(() -> InferenceVerifier.verify(dd, p.cm().commitment(), p.rq().input(), p.rq().mask(), p.z(),
                    p.proof().bytes()));
            assertTrue(e.getMessage().contains("hash(D)"), e.getMessage());
            // ...and with a model commitment claiming the changed D, the proof itself fails
            ModelCommitment claimed = new ModelCommitment(p.cm().commitment().weights(), dd.hash());
            rejects(() -> InferenceVerifier.verify(dd, claimed, p.rq().input(), p.rq().mask(), p.z(), p.proof().bytes()));
        }
    }

    /** A cheating prover (self-checks off) that uses a witness with one value changed. */
    @ParameterizedTest
    @ValueSource(strings = {"bc_mlp", "digits_cnn", "digits_mlp_gap"})
    void aWitnessThatIsNotTheModelsIsRejected(String name) throws Exception {
        Fixtures.Fixture f = Fixtures.get(name);
        CommittedModel cm = Fixtures.committed(name);
        long[] x = f.input(4);
        RequesterCommitments rq = RequesterCommitments.commit(cm.description(), x, new byte[] {9});
        Witness honest = IntInterpreter.run(f.model(), x);
        int changedOps = 0;
        for (int op = 0; op < f.model().ops().size(); op++) {
            if (f.model().ops().get(op) instanceof IntOp.Reshape) {
                continue;
            }
            for (int elem : new int[] {0, honest.outputs().get(op).length - 1}) {
                List<long[]> outs = new ArrayList<>(honest.outputs());
                long[] o = outs.get(op).clone();
                o[elem] += 1;
                outs.set(op, o);
                Witness bad = new Witness(honest.input(), outs);
                InferenceProof proof = InferenceProver.prove(cm, List.of(bad), List.of(rq), 5, false, null);
                rejects(() -> InferenceVerifier.verify(cm.description(), cm.commitment(), rq.input(), rq.mask(),
                        proof.maskedOutputs().getFirst(), proof.bytes()));
            }
            changedOps++;
        }
        assertTrue(changedOps >= 3);
        // the honest witness through the same (unchecked) path is accepted
        InferenceProof ok = InferenceProver.prove(cm, List.of(honest), List.of(rq), 5, false, null);
        InferenceVerifier.verify(cm.description(), cm.commitment(), rq.input(), rq.mask(), ok.maskedOutputs().getFirst(), ok.bytes());
    }

    /**
     * The unclamped quotient satisfies all three requantisation equations with e± = 0; only the range
     * check y ∈ [lo, hi] rules it out (a lookup above the range; below it, y − lo has no limb decomposition). A cheating prover outputs it for one element of the
     * first Requant and computes everything after it consistently.
     */
    @ParameterizedTest
    @ValueSource(strings = {"bc_mlp", "digits_cnn"})
    void anUnclampedActivationIsRejectedByTheRangeCheck(String name) throws Exception {
        Fixtures.Fixture f = Fixtures.get(name);
        CommittedModel cm = Fixtures.committed(name);
        IntModel m = f.model();
        int rq = 0;
        while (!(m.ops().get(rq) instanceof IntOp.Requant)) {
            rq++;
        }
        IntOp.Requant op = (IntOp.Requant) m.ops().get(rq);
        int tried = 0;
        boolean[] done = new boolean[2]; // [0]: above hi, [1]: below lo
        for (int row = 0; row < f.test().rows() && !(done[0] && done[1]); row++) {
            long[] x = f.input(row);
            Witness w = IntInterpreter.run(m, x);
            long[] acc = w.outputs().get(rq - 1);
            for (int side = 0; side < 2; side++) {
                int elem = -1;
                long q = 0;
                for (int i = 0; i < acc.length && elem < 0 && !done[side]; i++) {
                    long qi = (acc[i] * op.m()[i] + (1L << (op.k() - 1))) >> op.k();
                    if (side == 0 ? qi > op.hi() && qi - op.hi() < 64 : qi < op.lo() && op.lo() - qi < 64) {
                        elem = i;
                        q = qi;
                    }
                }
                if (elem < 0) {
                    continue;
                }
                done[side] = true;
                tried++;
                List<long[]> outs = new ArrayList<>(w.outputs().subList(0, rq));
                long[] y = w.outputs().get(rq).clone();
                y[elem] = q;
                outs.add(y);
                long[] cur = y;
                for (int i = rq + 1; i < m.ops().size(); i++) {
                    cur = m.ops().get(i).apply(cur);
                    outs.add(cur);
                }
                RequesterCommitments r = RequesterCommitments.commit(cm.description(), x, new byte[] {3, (byte) row});
                InferenceProof cheat = InferenceProver.prove(cm, List.of(new Witness(x, outs)), List.of(r), 8, false, null);
                VerificationException e = rejects(() -> InferenceVerifier.verify(cm.description(), cm.commitment(), r.input(), r.mask(),
                        cheat.maskedOutputs().getFirst(), cheat.bytes()));
                if (side == 0) {
                    // above the range, the limbs of y − lo can still be exact: only a lookup fails. In the zero-knowledge
                    // format that check is a claim on the mask pool, failed by the final claim reduction; the plain
                    // format names it
                    assertTrue(e.getMessage().contains("claim reduction"), e.getMessage());
                    CommittedModel plain = CommittedModel.commit(m, new byte[32], ProofMode.PLAIN_TEST_ONLY);
                    RequesterCommitments rp = RequesterCommitments.commit(plain.description(), x, new byte[] {3, (byte) row},
                            ProofMode.PLAIN_TEST_ONLY);
                    InferenceProof cheatPlain = InferenceProver.prove(plain, List.of(new Witness(x, outs)), List.of(rp), 8, false, null);
                    VerificationException ep = rejects(() -> InferenceVerifier.verify(plain.description(), plain.commitment(),
                            List.of(new RequestStatement(rp.input(), rp.mask(), cheatPlain.maskedOutputs().getFirst())), cheatPlain.bytes(),
                            ProofMode.PLAIN_TEST_ONLY));
                    assertTrue(ep.getMessage().contains("lookup"), ep.getMessage());
                }
            }
        }
        assertTrue(tried > 0, "no saturating element found");
    }

    @Test
    void ortAndInterpreterWitnessesGiveIdenticalProofs() throws Exception {
        for (String name : Fixtures.ALL) {
            Fixtures.Fixture f = Fixtures.get(name);
            CommittedModel cm = Fixtures.committed(name);
            long[] x = f.input(5);
            RequesterCommitments rq = RequesterCommitments.commit(cm.description(), x, new byte[] {5});
            Witness wi = IntInterpreter.run(f.model(), x);
            Witness wo;
            try (OrtWitnessRunner ort = new OrtWitnessRunner(f.model(), ExecutionProvider.CPU, 1)) {
                wo = ort.run(x);
            }
            byte[] a = InferenceProver.prove(cm, wi, rq, 77).bytes();
            byte[] b = InferenceProver.prove(cm, wo, rq, 77).bytes();
            assertArrayEquals(a, b, name);
            assertNotEquals(java.util.Arrays.hashCode(a), java.util.Arrays.hashCode(InferenceProver.prove(cm, wi, rq, 78).bytes()),
                    "the seed changes the proof");
        }
    }
}
