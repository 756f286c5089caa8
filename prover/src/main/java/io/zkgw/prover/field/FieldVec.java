package io.zkgw.prover.field;

import java.util.random.RandomGenerator;

/** Bulk operations on base-field vectors ({@code long[]} of canonical elements). */
public final class FieldVec {
    private FieldVec() {}

    /** out[i] = a[i] + b[i]. */
    public static void add(long[] a, long[] b, long[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = Goldilocks.add(a[i], b[i]);
        }
    }

    /** out[i] = a[i] - b[i]. */
    public static void sub(long[] a, long[] b, long[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = Goldilocks.sub(a[i], b[i]);
        }
    }

    /** out[i] = a[i] * b[i]. */
    public static void mul(long[] a, long[] b, long[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = Goldilocks.mul(a[i], b[i]);
        }
    }

    /** a[i] *= s. */
    public static void scale(long[] a, long s) {
        for (int i = 0; i < a.length; i++) {
            a[i] = Goldilocks.mul(a[i], s);
        }
    }

    /** Σ a[i] b[i]. */
    public static long innerProduct(long[] a, long[] b) {
        long s = 0;
        for (int i = 0; i < a.length; i++) {
            s = Goldilocks.add(s, Goldilocks.mul(a[i], b[i]));
        }
        return s;
    }

    public static long sum(long[] a) {
        long s = 0;
        for (long v : a) {
            s = Goldilocks.add(s, v);
        }
        return s;
    }

    /** Embeds signed integers (quantised weights, activations) as field elements, p - |v| for v < 0. */
    public static long[] fromSigned(long[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Goldilocks.fromSigned(values[i]);
        }
        return out;
    }

    /** Same for int data. */
    public static long[] fromSigned(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Goldilocks.fromSigned(values[i]);
        }
        return out;
    }

    /**
     * Inverts every element with one field inversion (Montgomery's trick). Throws on a zero entry:
     * callers that need zeros skipped must filter first.
     */
    public static long[] batchInverse(long[] a) {
        int n = a.length;
        long[] prefix = new long[n];
        long acc = 1;
        for (int i = 0; i < n; i++) {
            if (a[i] == 0) {
                throw new ArithmeticException("batchInverse: zero at index " + i);
            }
            prefix[i] = acc;
            acc = Goldilocks.mul(acc, a[i]);
        }
        long inv = Goldilocks.inv(acc);
        long[] out = new long[n];
        for (int i = n - 1; i >= 0; i--) {
            out[i] = Goldilocks.mul(inv, prefix[i]);
            inv = Goldilocks.mul(inv, a[i]);
        }
        return out;
    }

    /** Uniform random canonical elements (rejection sampling, no bias); for tests and masking. */
    public static long[] random(RandomGenerator rng, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = randomElement(rng);
        }
        return out;
    }

    public static long randomElement(RandomGenerator rng) {
        while (true) {
            long v = rng.nextLong();
            if (Goldilocks.isCanonical(v)) {
                return v;
            }
        }
    }

    /** True iff every entry is below p. */
    public static boolean allCanonical(long[] a) {
        for (long v : a) {
            if (!Goldilocks.isCanonical(v)) {
                return false;
            }
        }
        return true;
    }
}
