package io.zkgw.prover.inference;

import io.zkgw.prover.field.Goldilocks;
import java.util.Arrays;

/**
 * An affine combination c + Σ_i a_i·T_i of committed witness tensors that all have the same number of
 * variables, evaluated pointwise. Coefficients are canonical field elements. Immutable.
 */
record Affine(long constant, int[] tensors, long[] coefs) {
    Affine {
        if (tensors.length != coefs.length) {
            throw new IllegalArgumentException("tensor/coefficient count mismatch");
        }
        tensors = tensors.clone();
        coefs = coefs.clone();
    }

    static Affine of(int tensor) {
        return new Affine(0, new int[] {tensor}, new long[] {1});
    }

    static Affine constant(long c) {
        return new Affine(c, new int[0], new long[0]);
    }

    /** this + c (c a field element). */
    Affine plus(long c) {
        return new Affine(Goldilocks.add(constant, c), tensors, coefs);
    }

    /** s · this. */
    Affine times(long s) {
        long[] c = new long[coefs.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = Goldilocks.mul(coefs[i], s);
        }
        return new Affine(Goldilocks.mul(constant, s), tensors, c);
    }

    /** this + s·T. */
    Affine plusTerm(int tensor, long s) {
        int[] t = Arrays.copyOf(tensors, tensors.length + 1);
        long[] c = Arrays.copyOf(coefs, coefs.length + 1);
        t[t.length - 1] = tensor;
        c[c.length - 1] = s;
        return new Affine(constant, t, c);
    }

    /** The value at index u given the witness tables. */
    long at(long[][] tables, int u) {
        long v = constant;
        for (int i = 0; i < tensors.length; i++) {
            v = Goldilocks.add(v, Goldilocks.mul(coefs[i], tables[tensors[i]][u]));
        }
        return v;
    }
}
