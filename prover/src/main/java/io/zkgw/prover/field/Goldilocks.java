package io.zkgw.prover.field;

import java.math.BigInteger;

/**
 * Arithmetic in the Goldilocks field F_p, p = 2^64 - 2^32 + 1.
 *
 * <p>Elements are {@code long}s read as unsigned 64-bit integers and kept canonical, in [0, p). Every
 * operation takes canonical inputs and returns a canonical output. The reductions use no data-dependent
 * branches: carries and borrows are turned into masks, so the JIT emits straight-line code.
 *
 * <p>The two identities that make this field fast: 2^64 = 2^32 - 1 (mod p) and 2^96 = -1 (mod p).
 */
public final class Goldilocks {
    /** The modulus as an unsigned long. */
    public static final long P = 0xFFFF_FFFF_0000_0001L;
    /** 2^64 mod p = 2^32 - 1: what a carry out of bit 63 is worth. */
    static final long EPSILON = 0xFFFF_FFFFL;
    /** A generator of the multiplicative group (order p - 1); also a quadratic non-residue. */
    public static final long GENERATOR = 7;
    /** p - 1 = 2^32 * (2^32 - 1): the largest power-of-two subgroup has order 2^32. */
    public static final int TWO_ADICITY = 32;
    public static final BigInteger MODULUS = new BigInteger("18446744069414584321");

    private Goldilocks() {}

    /** True iff v (unsigned) is below p. */
    public static boolean isCanonical(long v) {
        return Long.compareUnsigned(v, P) < 0;
    }

    /** Reduces any unsigned 64-bit value to [0, p). */
    public static long reduce64(long v) {
        // v >= p iff v + EPSILON carries out of 64 bits; v - p == v + EPSILON (mod 2^64).
        long u = v + EPSILON;
        return v ^ ((v ^ u) & ((v & ~u) >> 63));
    }

    public static long add(long a, long b) {
        long s = a + b;
        // Either a carry out of bit 63 (worth EPSILON) or s >= p (subtract p == add EPSILON): the same
        // correction, and both cannot happen together for canonical inputs. The arithmetic shift turns
        // the top bit into an all-ones / all-zeros mask.
        long carry = (a & b) | ((a | b) & ~s);
        long u = s + EPSILON;
        long over = s & ~u;
        return s + (EPSILON & ((carry | over) >> 63));
    }

    /**
     * a - b. Canonical inputs give a canonical output. Also used with a non-canonical a (any u64) and a
     * canonical b by lazy-reduction loops: the result is then congruent to a - b and in [0, 2^64).
     */
    public static long sub(long a, long b) {
        long d = a - b;
        long borrow = (~a & b) | (~(a ^ b) & d);
        // A borrow added 2^64 == EPSILON too much relative to adding p; take it back.
        return d - (EPSILON & (borrow >> 63));
    }

    public static long neg(long a) {
        // p - a, except that -0 must stay 0.
        long r = P - a;
        long nonZero = (a | -a) >>> 63;
        return r & -nonZero;
    }

    public static long mul(long a, long b) {
        return reduce128(a * b, Math.unsignedMultiplyHigh(a, b));
    }

    public static long square(long a) {
        return mul(a, a);
    }

    /** Doubles a canonical element. */
    public static long dbl(long a) {
        return add(a, a);
    }

    /**
     * Reduces the 128-bit value hi * 2^64 + lo. Writes hi = hh * 2^32 + hl; then the value is
     * lo - hh + hl * (2^32 - 1) modulo p.
     */
    public static long reduce128(long lo, long hi) {
        long hh = hi >>> 32;
        long hl = hi & EPSILON;
        long t0 = lo - hh;
        t0 -= EPSILON & (((~lo & hh) | (~(lo ^ hh) & t0)) >> 63); // borrow: 2^64 too much, i.e. EPSILON
        long t1 = hl * EPSILON;
        long t2 = t0 + t1;
        t2 += EPSILON & (((t0 & t1) | ((t0 | t1) & ~t2)) >> 63); // carry; cannot carry again: t1 <= 2^64 - 2^33 + 1
        long u = t2 + EPSILON; // canonical form: t2 >= p iff t2 + EPSILON carries
        return t2 ^ ((t2 ^ u) & ((t2 & ~u) >> 63));
    }

    /**
     * Reduces top * 2^128 + hi * 2^64 + lo for top < 2^32 − 1 (a sum of fewer than 2^32 products of canonical
     * elements, accumulated without reduction): 2^128 ≡ −2^32 (mod p), so the value is reduce128(lo, hi) − top·2^32.
     */
    public static long reduce192(long lo, long hi, long top) {
        return sub(reduce128(lo, hi), top << 32);
    }

    /**
     * Σ_{i<n} a[aOff + i]·b[i] mod p for n < 2^32 products, accumulated as a 192-bit integer and reduced once
     * ({@link #reduce192}): a third of the cost of a reduction per product. The carries are computed without
     * branches (they are random, and mispredicted branches cost more than the arithmetic).
     */
    public static long dot(long[] a, int aOff, long[] b, int n) {
        long lo = 0;
        long hi = 0;
        long top = 0;
        for (int i = 0; i < n; i++) {
            long x = a[aOff + i];
            long y = b[i];
            long pl = x * y;
            long s0 = lo + pl;
            // carry-out of s = u + v is the top bit of (u & v) | ((u | v) & ~s)
            long ph = Math.unsignedMultiplyHigh(x, y) + (((lo & pl) | ((lo | pl) & ~s0)) >>> 63);
            long s1 = hi + ph;
            top += ((hi & ph) | ((hi | ph) & ~s1)) >>> 63;
            lo = s0;
            hi = s1;
        }
        return reduce192(lo, hi, top);
    }

    /** a^e for an unsigned exponent e. */
    public static long pow(long a, long e) {
        long result = 1;
        long base = a;
        while (e != 0) {
            if ((e & 1) != 0) {
                result = mul(result, base);
            }
            base = mul(base, base);
            e >>>= 1;
        }
        return result;
    }

    /** Multiplicative inverse by Fermat: a^(p-2). */
    public static long inv(long a) {
        if (a == 0) {
            throw new ArithmeticException("inverse of zero in Goldilocks");
        }
        return pow(a, P - 2);
    }

    /** Embeds a signed integer: v >= 0 maps to v, v < 0 maps to p - |v|. */
    public static long fromSigned(long v) {
        if (v >= 0) {
            return reduce64(v);
        }
        // -v may overflow for Long.MIN_VALUE; as unsigned it is still |v| = 2^63, which reduce64 handles.
        return neg(reduce64(-v));
    }

    /**
     * Reads a canonical element back as a signed integer in (-(p-1)/2, (p-1)/2]: the inverse of
     * {@link #fromSigned} for values of small magnitude.
     */
    public static long toSigned(long a) {
        return Long.compareUnsigned(a, (P - 1) >>> 1) > 0 ? -neg(a) : a;
    }

    /** Canonical element for an unsigned small integer (e.g. 2, 3, a count). */
    public static long fromLong(long v) {
        return reduce64(v);
    }

    /** A primitive 2^logN-th root of unity; logN in [0, 32]. */
    public static long rootOfUnity(int logN) {
        if (logN < 0 || logN > TWO_ADICITY) {
            throw new IllegalArgumentException("no 2^" + logN + "-th root of unity in Goldilocks");
        }
        // GENERATOR^((p-1)/2^32) has order exactly 2^32; square it down to order 2^logN.
        long w = pow(GENERATOR, (P - 1) >>> TWO_ADICITY);
        for (int i = logN; i < TWO_ADICITY; i++) {
            w = square(w);
        }
        return w;
    }

    public static BigInteger toBigInteger(long a) {
        return new BigInteger(Long.toUnsignedString(a));
    }

    public static long fromBigInteger(BigInteger v) {
        return v.mod(MODULUS).longValue();
    }

    public static String toString(long a) {
        return Long.toUnsignedString(a);
    }
}
