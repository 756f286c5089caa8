package io.zkgw.prover.field;

import java.util.Arrays;
import java.util.List;

/**
 * An immutable vector of extension elements, stored as real and imaginary arrays. Used in wire
 * records (proofs, points, claims), so it copies on the way in and on the way out.
 */
public final class ExtVector {
    private final long[] re;
    private final long[] im;

    private ExtVector(long[] re, long[] im) {
        this.re = re;
        this.im = im;
    }

    /** Copies the arrays; throws if lengths differ or any entry is non-canonical. */
    public static ExtVector of(long[] re, long[] im) {
        if (re.length != im.length) {
            throw new IllegalArgumentException("ExtVector: re/im length mismatch " + re.length + " vs " + im.length);
        }
        if (!FieldVec.allCanonical(re) || !FieldVec.allCanonical(im)) {
            throw new IllegalArgumentException("ExtVector: non-canonical entry");
        }
        return new ExtVector(re.clone(), im.clone());
    }


    /**
     * Takes ownership of the arrays without copying or checking, for code that has just built canonical
     * arrays and drops its references (decoders, provers). The caller must not touch them afterwards.
     */
    public static ExtVector ownedBy(long[] re, long[] im) {
        if (re.length != im.length) {
            throw new IllegalArgumentException("ExtVector: re/im length mismatch");
        }
        return new ExtVector(re, im);
    }

    public static ExtVector of(List<Ext2> values) {
        long[] re = new long[values.size()];
        long[] im = new long[values.size()];
        for (int i = 0; i < re.length; i++) {
            re[i] = values.get(i).c0();
            im[i] = values.get(i).c1();
        }
        return new ExtVector(re, im);
    }

    public static ExtVector of(Ext2... values) {
        return of(List.of(values));
    }

    public static ExtVector ofBase(long[] base) {
        if (!FieldVec.allCanonical(base)) {
            throw new IllegalArgumentException("ExtVector: non-canonical entry");
        }
        return new ExtVector(base.clone(), new long[base.length]);
    }

    public int size() {
        return re.length;
    }

    public Ext2 get(int i) {
        return new Ext2(re[i], im[i]);
    }

    public long re(int i) {
        return re[i];
    }

    public long im(int i) {
        return im[i];
    }

    public long[] reCopy() {
        return re.clone();
    }

    public long[] imCopy() {
        return im.clone();
    }

    /** Elements from..to-1 as a new vector. */
    public ExtVector slice(int from, int to) {
        return new ExtVector(Arrays.copyOfRange(re, from, to), Arrays.copyOfRange(im, from, to));
    }

    /** The elements in the opposite order (a point in the opposite variable order). */
    public ExtVector reversed() {
        int n = re.length;
        long[] r = new long[n];
        long[] i = new long[n];
        for (int k = 0; k < n; k++) {
            r[k] = re[n - 1 - k];
            i[k] = im[n - 1 - k];
        }
        return new ExtVector(r, i);
    }

    public List<Ext2> toList() {
        Ext2[] out = new Ext2[re.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = get(i);
        }
        return List.of(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtVector v && Arrays.equals(re, v.re) && Arrays.equals(im, v.im);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(re) + Arrays.hashCode(im);
    }

    @Override
    public String toString() {
        return toList().toString();
    }
}
