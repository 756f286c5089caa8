package io.zkgw.prover.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A set of polynomial identities C_j(x) = 0 that must hold at every point x of a hypercube with numVars
 * variables. Each C_j is a sum of monomials coef·Π factors over committed witness tensors (or a block of
 * one) and public tables. Proved as Σ_x eq(τ, x)·Σ_j γ^j·C_j(x) = 0 for a random τ and γ.
 */
final class ZeroCheck {
    /** A factor of a monomial. */
    sealed interface Factor permits Committed, Public {}

    /**
     * Block {@code slice} (of 2^sliceBits equal blocks, leading variables) of committed tensor
     * {@code tensor}; the whole tensor when sliceBits = 0.
     */
    record Committed(int tensor, int slice, int sliceBits) implements Factor {}

    /** A public table of 2^numVars base-field entries that the verifier computes from D. */
    record Public(String name, Supplier<long[]> table) implements Factor {}

    /** coef · Π factors (indices into {@link #factors()}). */
    record Mono(long coef, int[] factors) {}

    private final String name;
    private final int numVars;
    private final List<Factor> factors = new ArrayList<>();
    private final List<List<Mono>> constraints = new ArrayList<>();

    ZeroCheck(String name, int numVars) {
        this.name = name;
        this.numVars = numVars;
    }

    String name() {
        return name;
    }

    int numVars() {
        return numVars;
    }

    List<Factor> factors() {
        return factors;
    }

    List<List<Mono>> constraints() {
        return constraints;
    }

    int committed(int tensor) {
        return committedSlice(tensor, 0, 0);
    }

    int committedSlice(int tensor, int slice, int sliceBits) {
        Committed c = new Committed(tensor, slice, sliceBits);
        int i = factors.indexOf(c);
        if (i >= 0) {
            return i;
        }
        factors.add(c);
        return factors.size() - 1;
    }

    int publicTable(String tableName, Supplier<long[]> table) {
        factors.add(new Public(tableName, table));
        return factors.size() - 1;
    }

    void constraint(List<Mono> monos) {
        constraints.add(List.copyOf(monos));
    }

    /** The monomials of an affine expression (its tensors become committed factors). */
    List<Mono> monos(Affine a) {
        List<Mono> out = new ArrayList<>();
        if (a.constant() != 0) {
            out.add(new Mono(a.constant(), new int[0]));
        }
        for (int i = 0; i < a.tensors().length; i++) {
            out.add(new Mono(a.coefs()[i], new int[] {committed(a.tensors()[i])}));
        }
        return out;
    }

    /** Largest number of factors of a monomial. */
    int degree() {
        int d = 0;
        for (List<Mono> c : constraints) {
            for (Mono m : c) {
                d = Math.max(d, m.factors().length);
            }
        }
        return d;
    }
}
