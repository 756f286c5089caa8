package io.zkgw.prover.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.ir.IntInterpreter;
import io.zkgw.ir.Witness;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The benchmark's per-phase timer: every phase of a proof recorded once, in proving order, and nothing while off. */
class ProofPhasesTest {
    @AfterEach
    void off() {
        ProofPhases.uninstall();
    }

    @Test
    void recordsEveryPhaseOfAZeroKnowledgeProofInOrder() {
        Fixtures.Fixture f = Fixtures.get("bc_mlp");
        CommittedModel cm = Fixtures.committed("bc_mlp");
        long[] x = f.input(0);
        Witness w = IntInterpreter.run(f.model(), x);
        ProofPhases recorder = ProofPhases.install();
        InferenceProver.prove(cm, w, RequesterCommitments.commit(cm.description(), x, new byte[] {4, 5, 6}), 7);
        Map<String, Double> ms = recorder.meanMs(ProofMode.ZERO_KNOWLEDGE);
        assertArrayEquals(new String[] {"requests: C_x, C_r data (held or recomputed) checked, z", "statement absorbed, witness computed",
                "witness assembled and committed", "zero-checks", "input, output and linear stage", "im2col stage", "LogUp",
                "weight claim reduction", "wait for the final mask", "witness claim reduction", "witness opening", "final mask opening",
                "C_x and C_r openings", "wait for the weight masks", "C_W opening"}, ms.keySet().toArray(String[]::new));
        assertTrue(ms.values().stream().allMatch(v -> v >= 0), ms.toString());
        assertTrue(recorder.meanMs(ProofMode.PLAIN_TEST_ONLY).isEmpty(), "no plain proof was made");

        ProofPhases.uninstall();
        InferenceProver.prove(cm, w, RequesterCommitments.commit(cm.description(), x, new byte[] {4, 5, 7}), 8);
        assertEquals(ms, recorder.meanMs(ProofMode.ZERO_KNOWLEDGE), "an uninstalled recorder records nothing");
    }
}
