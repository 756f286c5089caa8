package io.zkgw.prover.field;

import java.util.Arrays;

/** An immutable vector of canonical base-field elements, for wire records (e.g. opened columns). */
public final class BaseVector {
    private final long[] values;

    private BaseVector(long[] values) {
        this.values = values;
    }

    public static BaseVector of(long[] values) {
        if (!FieldVec.allCanonical(values)) {
            throw new IllegalArgumentException("BaseVector: non-canonical entry");
        }
        return new BaseVector(values.clone());
    }

    /** Takes ownership without copying: for code that has just built the array and drops it. */
    public static BaseVector ownedBy(long[] values) {
        return new BaseVector(values);
    }

    public int size() {
        return values.length;
    }

    public long get(int i) {
        return values[i];
    }

    /** Σ_i this[i]·coef[i] over coef's length (at most this size), reduced once ({@link Goldilocks#dot}), without a copy. */
    public long dot(long[] coef) {
        return Goldilocks.dot(values, 0, coef, coef.length);
    }

    public long[] toArray() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BaseVector v && Arrays.equals(values, v.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "BaseVector" + Arrays.toString(values);
    }
}
