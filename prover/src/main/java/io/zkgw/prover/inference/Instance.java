package io.zkgw.prover.inference;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.sumcheck.SumOfProducts;
import io.zkgw.prover.sumcheck.SumcheckClaim;
import java.util.List;
import java.util.function.Function;

/**
 * One sumcheck instance of a batched stage as the verifier sees it: Σ_x form(P_0(x), ..) = claim over
 * numVars variables, and for each polynomial P_k a {@link Slot} saying what its final value at the
 * sumcheck point is: computed by the verifier (eq, public tables), a claim on a committed table, or a
 * value handed to the caller (virtual).
 */
record Instance(String name, int numVars, SumOfProducts form, Ext2 claim, List<Slot> slots, LinForm unknown) {
    Instance {
        slots = List.copyOf(slots);
        if (unknown == null) {
            unknown = LinForm.EMPTY;
        }
        if (slots.size() != form.numPolys()) {
            throw new IllegalArgumentException(name + ": " + slots.size() + " slots for " + form.numPolys() + " polynomials");
        }
    }

    Instance(String name, int numVars, SumOfProducts form, Ext2 claim, List<Slot> slots) {
        this(name, numVars, form, claim, slots, LinForm.EMPTY);
    }

    /** An instance whose claim is known to the verifier only up to a linear form over the mask pool. */
    Instance(String name, int numVars, SumOfProducts form, MVal claim, List<Slot> slots) {
        this(name, numVars, form, claim.known(), slots, claim.unknown());
    }

    MVal claimValue() {
        return new MVal(claim, unknown);
    }

    SumcheckClaim toClaim() {
        return new SumcheckClaim(numVars, form, claim);
    }

    sealed interface Slot permits Eq, Public, Witness, Weight, Virtual, Opened {}

    /** eq(tau, x): the verifier computes eq(tau, point). */
    record Eq(ExtVector tau) implements Slot {}

    /** A public polynomial; mle maps the point to its value. */
    record Public(String what, Function<ExtVector, Ext2> mle) implements Slot {}

    /** Witness tensor at (prefix, point). */
    record Witness(int tensor, ExtVector prefix) implements Slot {}

    /** Weight segment at (prefix, point). */
    record Weight(int segment, ExtVector prefix) implements Slot {}

    /** Left to the caller (e.g. a virtual polynomial that a later stage reduces further). */
    record Virtual() implements Slot {}

    /** Left to the caller and never masked: its value is revealed anyway (a PCS opening's claimed value). */
    record Opened() implements Slot {}

    /** Whether the zero-knowledge format masks this slot's final value. */
    static boolean masked(Slot s) {
        return s instanceof Witness || s instanceof Weight || s instanceof Virtual;
    }
}
