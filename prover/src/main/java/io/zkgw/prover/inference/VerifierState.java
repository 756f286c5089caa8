package io.zkgw.prover.inference;

import io.zkgw.prover.transcript.Transcript;
import java.util.HashMap;
import java.util.Map;

/** Everything the verifier side of one proof works on. */
final class VerifierState {
    final Circuit circuit;
    final ProofSource in;
    final Transcript transcript;
    final Claims claims = new Claims();
    final Map<Object, Object> state = new HashMap<>();

    VerifierState(Circuit circuit, ProofSource in) {
        this.circuit = circuit;
        this.in = in;
        this.transcript = in.transcript();
    }
}
