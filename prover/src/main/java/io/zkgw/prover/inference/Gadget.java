package io.zkgw.prover.inference;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.field.ExtVector;

/**
 * The proof part of one op, as the verifier (and the plan) sees it. Zero-checks and lookups are declared
 * to the circuit when it is built; a gadget runs the verifier's side of the op's linear relation in the
 * linear stages, if it has one. The prover's side is {@link GadgetProver}.
 */
abstract sealed class Gadget permits DenseGadget, ConvGadget, SumPoolGadget, MaxPoolGadget, RequantGadget {
    final String name;

    Gadget(String name) {
        this.name = name;
    }

    /**
     * The claim on a linear op's output that its linear check starts from: for a virtual output, the one
     * its Requant's zero-check ended in; otherwise a fresh random point and the value the prover states
     * there (a claim on the committed output).
     */
    Claims.Chain outputClaim(VerifierState s, int tensor, int vars, String label) throws VerificationException {
        if (s.circuit.isVirtual(tensor)) {
            return s.claims.chained.get(tensor);
        }
        ExtVector rho = s.transcript.challengeExts(label + "/point", vars);
        MVal v = s.in.masked(label + "/output");
        s.claims.witness(tensor, rho, v, name);
        return new Claims.Chain(rho, v);
    }

    /** First linear stage: draw points, read values, add instances. */
    void verifyLinear(VerifierState v, Stage stage) throws VerificationException {}

    /** Second linear stage, after the first one's point is known (convolutions). */
    void verifySecond(VerifierState v, Stage first, Stage second) throws VerificationException {}
}
