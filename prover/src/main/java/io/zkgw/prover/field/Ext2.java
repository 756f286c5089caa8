package io.zkgw.prover.field;

/**
 * An element c0 + c1·X of the quadratic extension F_p[X]/(X^2 - 7). 7 generates F_p^*, so it is a
 * quadratic non-residue and X^2 - 7 is irreducible; the field has p^2 ≈ 2^128 elements, which is where
 * every verifier challenge comes from.
 *
 * <p>This record is for APIs and cold code. Hot loops keep extension elements as two {@code long}s in
 * parallel arrays (see {@link ExtVec}) and call the static helpers here, which allocate nothing.
 */
public record Ext2(long c0, long c1) {
    /** The non-residue W with X^2 = W. */
    public static final long W = 7;
    public static final Ext2 ZERO = new Ext2(0, 0);
    public static final Ext2 ONE = new Ext2(1, 0);
    /** The generator X of the extension (X^2 = 7). */
    public static final Ext2 X = new Ext2(0, 1);

    public Ext2 {
        if (!Goldilocks.isCanonical(c0) || !Goldilocks.isCanonical(c1)) {
            throw new IllegalArgumentException("non-canonical Ext2 coefficient");
        }
    }

    public static Ext2 ofBase(long c0) {
        return new Ext2(c0, 0);
    }

    public boolean isZero() {
        return c0 == 0 && c1 == 0;
    }

    public boolean isBase() {
        return c1 == 0;
    }

    public Ext2 add(Ext2 o) {
        return new Ext2(Goldilocks.add(c0, o.c0), Goldilocks.add(c1, o.c1));
    }

    public Ext2 sub(Ext2 o) {
        return new Ext2(Goldilocks.sub(c0, o.c0), Goldilocks.sub(c1, o.c1));
    }

    public Ext2 neg() {
        return new Ext2(Goldilocks.neg(c0), Goldilocks.neg(c1));
    }

    public Ext2 mul(Ext2 o) {
        return new Ext2(mulRe(c0, c1, o.c0, o.c1), mulIm(c0, c1, o.c0, o.c1));
    }

    public Ext2 mulBase(long b) {
        return new Ext2(Goldilocks.mul(c0, b), Goldilocks.mul(c1, b));
    }

    public Ext2 square() {
        return mul(this);
    }

    public Ext2 pow(long e) {
        Ext2 result = ONE;
        Ext2 base = this;
        while (e != 0) {
            if ((e & 1) != 0) {
                result = result.mul(base);
            }
            base = base.square();
            e >>>= 1;
        }
        return result;
    }

    /** (c0 + c1 X)^-1 = (c0 - c1 X) / (c0^2 - 7 c1^2); the norm is non-zero because 7 is a non-residue. */
    public Ext2 inv() {
        if (isZero()) {
            throw new ArithmeticException("inverse of zero in Ext2");
        }
        long norm = Goldilocks.sub(Goldilocks.square(c0), Goldilocks.mul(W, Goldilocks.square(c1)));
        long ni = Goldilocks.inv(norm);
        return new Ext2(Goldilocks.mul(c0, ni), Goldilocks.neg(Goldilocks.mul(c1, ni)));
    }

    @Override
    public String toString() {
        return c1 == 0 ? Goldilocks.toString(c0) : Goldilocks.toString(c0) + "+" + Goldilocks.toString(c1) + "·X";
    }

    // ---- allocation-free helpers for hot loops ----

    /** Real part of (a0 + a1 X)(b0 + b1 X) = a0 b0 + 7 a1 b1. */
    public static long mulRe(long a0, long a1, long b0, long b1) {
        return Goldilocks.add(Goldilocks.mul(a0, b0), Goldilocks.mul(W, Goldilocks.mul(a1, b1)));
    }

    /** Imaginary part of (a0 + a1 X)(b0 + b1 X) = a0 b1 + a1 b0. */
    public static long mulIm(long a0, long a1, long b0, long b1) {
        return Goldilocks.add(Goldilocks.mul(a0, b1), Goldilocks.mul(a1, b0));
    }

    /**
     * Product written to out[at], out[at+1] with Karatsuba: three base multiplications plus one by the
     * small constant 7, instead of five.
     */
    public static void mulInto(long a0, long a1, long b0, long b1, long[] out, int at) {
        long v0 = Goldilocks.mul(a0, b0);
        long v1 = Goldilocks.mul(a1, b1);
        long cross = Goldilocks.mul(Goldilocks.add(a0, a1), Goldilocks.add(b0, b1));
        out[at] = Goldilocks.add(v0, Goldilocks.mul(W, v1));
        out[at + 1] = Goldilocks.sub(Goldilocks.sub(cross, v0), v1);
    }
}
