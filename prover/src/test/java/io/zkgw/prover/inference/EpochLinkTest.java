package io.zkgw.prover.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.ir.IntModel;
import io.zkgw.ir.IntOp;
import io.zkgw.prover.ByteMutations;
import io.zkgw.prover.VerificationException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Epoch links on real fixture models: two epochs of one model (other keys, other blinding slots) are linked
 * and the link verifies from the public model commitments and D alone; a re-commitment with other weights of
 * the same D (every weight negated; one weight negated) cannot be linked — the honest prover refuses, and a
 * link forced through is rejected — nor can swapped, foreign or mismatched commitments, nor mutated links.
 */
class EpochLinkTest {
    static final int K = 4;

    static byte[] key(int epoch) {
        return CommittedModel.derive("zkgw/test/epoch-link-key", new byte[32], new byte[] {(byte) epoch});
    }

    static IntModel oneWeightNegated(IntModel m) {
        List<IntOp> ops = new ArrayList<>();
        boolean done = false;
        for (IntOp op : m.ops()) {
            if (!done && op instanceof IntOp.Dense d) {
                long[] w = d.w().clone();
                for (int i = 0; i < w.length && !done; i++) {
                    if (w[i] != 0) {
                        w[i] = -w[i];
                        done = true;
                    }
                }
                ops.add(new IntOp.Dense(d.in(), d.out(), w, d.b()));
            } else {
                ops.add(op);
            }
        }
        return new IntModel(m.inputShape(), m.inLo(), m.inHi(), ops);
    }

    @Test
    void twoEpochsOfOneModelAreLinkedAndEpochsOfOtherWeightsAreNot() throws Exception {
        for (String name : List.of("bc_mlp", "digits_cnn")) {
            IntModel model = Fixtures.get(name).model();
            CircuitDescription d = CircuitDescription.of(model);
            CommittedModel e0 = CommittedModel.commit(model, key(0), K);
            CommittedModel e1 = CommittedModel.commit(model, key(1), K);
            assertNotEquals(e0.commitment().weights(), e1.commitment().weights(), name + ": every epoch has its own C_W");
            byte[] link = e0.linkTo(e1);
            EpochLink.verify(d, e0.commitment(), e1.commitment(), link);
            assertArrayEquals(link, CommittedModel.commit(model, key(0), K).linkTo(CommittedModel.commit(model, key(1), K)),
                    name + ": deterministic, so a retry reveals nothing new");
            assertThrows(VerificationException.class, () -> EpochLink.verify(d, e1.commitment(), e0.commitment(), link), "swapped epochs");

            for (IntModel other : List.of(ZeroKnowledgeTest.negatedWeights(model), oneWeightNegated(model))) {
                assertEquals(d.hash(), CircuitDescription.of(other).hash(), name + ": same public D");
                CommittedModel swapped = CommittedModel.commit(other, key(2), K);
                assertThrows(IllegalArgumentException.class, () -> e0.linkTo(swapped), "the honest prover refuses other weights");
                byte[] forced = EpochLinkProver.prove(e0, swapped);
                VerificationException ex = assertThrows(VerificationException.class,
                        () -> EpochLink.verify(d, e0.commitment(), swapped.commitment(), forced), name + ": other weights linked");
                assertTrue(ex.getMessage().contains("differ"), ex.getMessage());
                assertThrows(VerificationException.class, () -> EpochLink.verify(d, e0.commitment(), swapped.commitment(), link),
                        "the genuine link names the genuine next epoch");
            }
        }
    }

    @Test
    void mismatchedStatementsAndMutatedLinksAreRejected() throws Exception {
        IntModel model = Fixtures.get("bc_mlp").model();
        CircuitDescription d = CircuitDescription.of(model);
        CommittedModel e0 = CommittedModel.commit(model, key(0), K);
        CommittedModel e1 = CommittedModel.commit(model, key(1), K);
        byte[] link = e0.linkTo(e1);
        CircuitDescription other = CircuitDescription.of(Fixtures.get("bc_logreg").model());
        assertThrows(VerificationException.class, () -> EpochLink.verify(other, e0.commitment(), e1.commitment(), link), "another D");
        ModelCommitment otherBudget = new ModelCommitment(e1.commitment().weights(), d.hash(), K + 1);
        assertThrows(VerificationException.class, () -> EpochLink.verify(d, e0.commitment(), otherBudget, link), "another budget");
        assertThrows(IllegalArgumentException.class, () -> e0.linkTo(CommittedModel.commit(model, key(1), K + 1)), "budgets differ");
        assertThrows(VerificationException.class, () -> EpochLink.verify(d, e0.commitment(), e1.commitment(), new byte[0]), "empty");
        SplittableRandom rng = new SplittableRandom(5);
        assertEquals(0, ByteMutations.accepted(link, rng, 200, bad -> EpochLink.verify(d, e0.commitment(), e1.commitment(), bad)),
                "random single-byte mutations of a link accepted");
    }

    @Test
    void aLinkedEpochStillProvesItsKRequests() throws Exception {
        Fixtures.Fixture f = Fixtures.get("bc_mlp");
        CommittedModel e0 = CommittedModel.commit(f.model(), key(0), K);
        CommittedModel e1 = CommittedModel.commit(f.model(), key(1), K);
        e0.linkTo(e1);
        long[] x = f.input(3);
        RequesterCommitments rq = RequesterCommitments.commit(e1.description(), x, new byte[] {9, 9});
        InferenceProof p = InferenceProver.prove(e1, io.zkgw.ir.IntInterpreter.run(f.model(), x), rq, 42);
        InferenceVerifier.verify(e1.description(), e1.commitment(), rq.input(), rq.mask(), p.maskedOutputs().getFirst(), p.bytes());
    }
}
