package io.zkgw.prover.inference;

import io.zkgw.prover.VerificationException;

/**
 * The proof part of one op. Zero-checks and lookups are declared to the circuit when it is built; a
 * gadget itself fills its witness tensors (prover) and runs the op's linear relation in the linear
 * stages (both sides), if it has one.
 */
abstract class Gadget {
    final String name;

    Gadget(String name) {
        this.name = name;
    }

    /** Prover: computes this gadget's committed tensors (output and auxiliaries) over the full hypercube. */
    abstract void fill(ProverState s);

    /** First linear stage: draw points, send values, add instances. */
    void proveLinear(ProverState s, Stage stage) {}

    void verifyLinear(VerifierState v, Stage stage) throws VerificationException {}

    /** Second linear stage, after the first one's point is known (convolutions). */
    void proveSecond(ProverState s, Stage first, Stage second) {}

    void verifySecond(VerifierState v, Stage first, Stage second) throws VerificationException {}
}
