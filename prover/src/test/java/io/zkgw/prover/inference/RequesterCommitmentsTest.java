package io.zkgw.prover.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.ir.IntInterpreter;
import io.zkgw.ir.Witness;
import org.junit.jupiter.api.Test;

/** The prover's data computed with a request's commitments: taken by one proof, the same bytes as recomputing. */
class RequesterCommitmentsTest {
    private final Fixtures.Fixture f = Fixtures.get("bc_mlp");
    private final CommittedModel cm = Fixtures.committed("bc_mlp");

    @Test
    void aProofTakesTheDataOnceAndGivesTheBytesOfARecomputation() throws Exception {
        long[] x = f.input(3);
        Witness w = IntInterpreter.run(f.model(), x);
        RequesterCommitments made = RequesterCommitments.commit(cm.description(), x, new byte[] {7, 7, 7});
        RequesterCommitments bare = new RequesterCommitments(made.input(), made.mask(), made.opening());
        assertEquals(made, bare, "equality is that of the commitments and the opening");
        assertEquals(made.hashCode(), bare.hashCode());
        assertTrue(made.holdsProverData());
        assertFalse(bare.holdsProverData(), "the ledger's commitments with a claimed opening carry no data");

        InferenceProof taken = InferenceProver.prove(cm, w, made, 11);
        assertFalse(made.holdsProverData(), "a hiding commitment's data is handed to one proof");
        InferenceProof recomputed = InferenceProver.prove(cm, w, bare, 11);
        InferenceProof again = InferenceProver.prove(cm, w, made, 11);
        assertArrayEquals(recomputed.bytes(), taken.bytes());
        assertArrayEquals(recomputed.bytes(), again.bytes(), "a retry recomputes and re-sends the same bytes");
        InferenceVerifier.verify(cm.description(), cm.commitment(), made.input(), made.mask(), taken.maskedOutputs().getFirst(), taken.bytes());
    }

    @Test
    void dataMadeForAnotherFormatIsNotUsed() {
        long[] x = f.input(4);
        Witness w = IntInterpreter.run(f.model(), x);
        // the plain format's commitments and data for x: were the data used, the zero-knowledge prover would find it
        // matching and open plain-format data; it recomputes in its own format instead, and names C_x
        RequesterCommitments plain = RequesterCommitments.commit(cm.description(), x, new byte[] {8}, ProofMode.PLAIN_TEST_ONLY);
        assertTrue(plain.holdsProverData());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InferenceProver.prove(cm, w, plain, 12));
        assertEquals("the input does not match the requester's commitment C_x", e.getMessage());
        assertFalse(plain.holdsProverData(), "dropped, not kept for later");
    }
}
