package io.zkgw.prover.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.prover.VerificationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verifier's cache of compiled circuits: keyed by everything the compilation depends on, bounded, never the answer. */
class CompiledCircuitsTest {
    @Test
    void aCachedCircuitServesTheSameKeyOnlyAndVerifiesTheSame() {
        CircuitDescription d = Fixtures.committed("bc_logreg").description();
        Circuit c = CompiledCircuits.get(d, 3, ProofMode.ZERO_KNOWLEDGE, 11);
        assertSame(c, CompiledCircuits.get(d, 3, ProofMode.ZERO_KNOWLEDGE, 11));
        assertEquals(3, c.batch());
        assertEquals(d, c.description());
        // another batch size, budget, mode or D is another entry
        assertNotSame(c, CompiledCircuits.get(d, 4, ProofMode.ZERO_KNOWLEDGE, 11));
        assertNotSame(c, CompiledCircuits.get(d, 3, ProofMode.ZERO_KNOWLEDGE, 12));
        assertNotSame(c, CompiledCircuits.get(d, 3, ProofMode.PLAIN_TEST_ONLY, 11));
        Circuit other = CompiledCircuits.get(Fixtures.committed("bc_mlp").description(), 3, ProofMode.ZERO_KNOWLEDGE, 11);
        assertEquals(Fixtures.committed("bc_mlp").description(), other.description());
    }

    @Test
    void verificationGivesTheSameAnswerWithTheCircuitCachedAsWithout() throws Exception {
        BatchAndCodecTest.Batch b = BatchAndCodecTest.batch("bc_mlp", 2);
        CircuitDescription d = b.cm().description();
        byte[] tampered = b.proof().bytes().clone();
        tampered[tampered.length / 2] ^= 1;
        for (int round = 0; round < 2; round++) {
            // the first round may compile, the second finds the circuit cached: both accept the proof, reject the tampered one
            InferenceVerifier.verify(d, b.cm().commitment(), b.statement(), b.proof().bytes());
            assertThrows(VerificationException.class, () -> InferenceVerifier.verify(d, b.cm().commitment(), b.statement(), tampered));
            assertThrows(VerificationException.class,
                    () -> InferenceVerifier.verify(d, b.cm().commitment(), b.statement().subList(0, 1), b.proof().bytes()));
        }
    }

    @Test
    void aDescriptionThatCannotBeCompiledIsRefusedEveryTimeAndNotCached() {
        CircuitDescription d = Fixtures.committed("bc_logreg").description();
        int before = CompiledCircuits.size();
        for (int i = 0; i < 2; i++) {
            assertThrows(IllegalArgumentException.class, () -> CompiledCircuits.get(d, 0, ProofMode.ZERO_KNOWLEDGE, 11));
        }
        assertEquals(before, CompiledCircuits.size());
    }

    @Test
    void theCacheIsBoundedAndDropsTheLeastRecentlyUsed() {
        CircuitDescription d = Fixtures.committed("bc_logreg").description();
        Circuit first = CompiledCircuits.get(d, 1, ProofMode.PLAIN_TEST_ONLY, 11);
        Circuit kept = CompiledCircuits.get(d, 2, ProofMode.PLAIN_TEST_ONLY, 11);
        for (int batch = 3; batch < 3 + CompiledCircuits.CAPACITY - 1; batch++) {
            CompiledCircuits.get(d, batch, ProofMode.PLAIN_TEST_ONLY, 11);
            // kept is used after every insertion, first never again
            assertSame(kept, CompiledCircuits.get(d, 2, ProofMode.PLAIN_TEST_ONLY, 11));
        }
        assertTrue(CompiledCircuits.size() <= CompiledCircuits.CAPACITY, "size " + CompiledCircuits.size());
        assertNotSame(first, CompiledCircuits.get(d, 1, ProofMode.PLAIN_TEST_ONLY, 11));
        assertSame(kept, CompiledCircuits.get(d, 2, ProofMode.PLAIN_TEST_ONLY, 11));
        List.of(1, 2).forEach(batch -> assertEquals(batch, CompiledCircuits.get(d, batch, ProofMode.PLAIN_TEST_ONLY, 11).batch()));
    }
}
