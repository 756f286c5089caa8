package io.zkgw.prover.sumcheck;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.Goldilocks;

/**
 * The Lagrange basis ℓ_0..ℓ_d of the nodes 0, 1, .., d, with the inverses of its denominators
 * Π_{j≠k}(k − j) computed once per d: masked stages interpolate round polynomials at every challenge
 * and extend every instance's round values to the stage degree, and an inversion per basis polynomial
 * and call cost more than the interpolation itself.
 */
final class Lagrange {
    private static final int CACHED = 64;
    private static final Lagrange[] BY_DEGREE = new Lagrange[CACHED];

    private final int d;
    /** 1 / Π_{j≠k}(k − j) for k = 0..d. */
    private final long[] invDen;
    /**
     * ℓ_0(k)..ℓ_d(k) for the integers k = d + 1 .. CACHED − 1, all filled in the constructor: an instance is shared
     * between threads through a plain array store ({@link #of}), which is safe because everything it holds is
     * reachable from final fields written before the constructor returned (JLS 17.5); rows filled lazily and stored
     * without a happens-before could be seen half-written on a weaker memory model than x86's.
     */
    private final long[][] atInteger = new long[CACHED][];

    private Lagrange(int d) {
        this.d = d;
        this.invDen = new long[d + 1];
        for (int k = 0; k <= d; k++) {
            long den = 1;
            for (int j = 0; j <= d; j++) {
                if (j != k) {
                    den = Goldilocks.mul(den, Goldilocks.sub(Goldilocks.fromLong(k), Goldilocks.fromLong(j)));
                }
            }
            invDen[k] = Goldilocks.inv(den);
        }
        for (int k = d + 1; k < CACHED; k++) {
            atInteger[k] = basisAtInteger(k);
        }
    }

    static Lagrange of(int d) {
        if (d < 0) {
            throw new IllegalArgumentException("degree " + d);
        }
        if (d >= CACHED) {
            return new Lagrange(d);
        }
        Lagrange l = BY_DEGREE[d];
        if (l == null) {
            l = new Lagrange(d);
            BY_DEGREE[d] = l; // a race at most builds equal instances twice; each is safely published (see atInteger)
        }
        return l;
    }

    /** ℓ_0(x)..ℓ_d(x): ℓ_k(x) = Π_{j<k}(x − j) · Π_{j>k}(x − j) / den_k, from prefix and suffix products. */
    Ext2[] basis(Ext2 x) {
        Ext2[] prefix = new Ext2[d + 1];
        Ext2 p = Ext2.ONE;
        for (int k = 0; k <= d; k++) {
            prefix[k] = p;
            p = p.mul(x.sub(Ext2.ofBase(k)));
        }
        Ext2[] out = new Ext2[d + 1];
        Ext2 suffix = Ext2.ONE;
        for (int k = d; k >= 0; k--) {
            out[k] = prefix[k].mul(suffix).mulBase(invDen[k]);
            suffix = suffix.mul(x.sub(Ext2.ofBase(k)));
        }
        return out;
    }

    /** ℓ_0(k)..ℓ_d(k) at an integer k > d, base-field constants (the caller must not modify them). */
    long[] atInteger(int k) {
        return k > d && k < CACHED ? atInteger[k] : basisAtInteger(k);
    }

    private long[] basisAtInteger(int k) {
        Ext2[] b = basis(Ext2.ofBase(k));
        long[] w = new long[d + 1];
        for (int i = 0; i <= d; i++) {
            w[i] = b[i].c0();
        }
        return w;
    }

    /** Σ_k v_k·ℓ_k(x) for the basis values l = basis(x). */
    static Ext2 combine(Ext2[] v, Ext2[] l) {
        Ext2 acc = Ext2.ZERO;
        for (int k = 0; k < v.length; k++) {
            acc = acc.add(v[k].mul(l[k]));
        }
        return acc;
    }
}
