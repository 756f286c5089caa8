package io.zkgw.prover.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.zkgw.ir.IntInterpreter;
import io.zkgw.ir.Witness;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndToEndTest {
    @ParameterizedTest
    @ValueSource(strings = {"bc_logreg", "bc_mlp", "diabetes_reg", "digits_cnn", "digits_mlp_gap"})
    void provesAndVerifies(String name) throws Exception {
        Fixtures.Fixture f = Fixtures.get(name);
        CommittedModel cm = Fixtures.committed(name);
        long[] x = f.input(0);
        Witness w = IntInterpreter.run(f.model(), x);
        RequesterCommitments rq = RequesterCommitments.commit(cm.description(), x, new byte[] {1, 2, 3});
        long t0 = System.nanoTime();
        InferenceProof proof = InferenceProver.prove(cm, w, rq, 42);
        long t1 = System.nanoTime();
        InferenceVerifier.verify(cm.description(), cm.commitment(), rq.input(), rq.mask(), proof.maskedOutputs().getFirst(), proof.bytes());
        long t2 = System.nanoTime();
        System.out.printf("%s: proof %d bytes, prove %.1f ms, verify %.1f ms%n", name, proof.size(), (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        assertArrayEquals(w.output(), RequesterCommitments.unmask(proof.maskedOutputs().getFirst(), rq.opening().r()));
        // the masks are made on another worker, forked at the start (bc_*, diabetes_reg) or at LogUp (digits_*):
        // whenever they finish, the same statement and seed give the same bytes
        assertArrayEquals(proof.bytes(), InferenceProver.prove(cm, w, rq, 42).bytes(), "a second proof of the same statement and seed");
    }
}
