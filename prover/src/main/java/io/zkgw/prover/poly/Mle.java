package io.zkgw.prover.poly;

import static io.zkgw.prover.field.Goldilocks.add;
import static io.zkgw.prover.field.Goldilocks.mul;
import static io.zkgw.prover.field.Goldilocks.sub;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;

/**
 * Dense multilinear polynomials given by their evaluation tables over the boolean hypercube.
 *
 * <p><b>Variable order (big-endian):</b> a table of length 2^n holds f(x_1, .., x_n) at index
 * i = Σ_k x_k · 2^(n-k), so x_1 is the most significant bit of the index. Fixing the first variable
 * therefore combines the two contiguous halves: f(r, x') = lo[x'] + r · (hi[x'] - lo[x']). A point is
 * always given in the order (r_1, .., r_n).
 *
 * <p>Everything here is sequential and allocation-light, fit for verifiers; provers fold with
 * {@link MleTable}.
 */
public final class Mle {
    private Mle() {}

    /** n for a table of length 2^n; throws if the length is not a power of two. */
    public static int numVars(int length) {
        if (length <= 0 || Integer.bitCount(length) != 1) {
            throw new IllegalArgumentException("evaluation table length must be a power of two, got " + length);
        }
        return Integer.numberOfTrailingZeros(length);
    }

    /**
     * The table of eq(r, x) = Π_k (r_k x_k + (1 - r_k)(1 - x_k)) for all x, as {re, im}; O(2^n) work.
     * Built by splitting every entry on r_1 first, so r_1 lands on the most significant index bit.
     */
    public static long[][] eqTable(ExtVector r) {
        return eqTableScaled(r, Ext2.ONE);
    }

    /** c·eq(r, x) for every x: the table of {@link #eqTable} times c, for the cost of building it (no pass to scale it). */
    public static long[][] eqTableScaled(ExtVector r, Ext2 c) {
        int n = r.size();
        int size = 1 << n;
        long[] re = new long[size];
        long[] im = new long[size];
        re[0] = c.c0();
        im[0] = c.c1();
        for (int k = 0, cur = 1; k < n; k++, cur <<= 1) {
            long r0 = r.re(k);
            long r1 = r.im(k);
            // Walk downwards so entry i is read before slots 2i and 2i+1 are written.
            for (int i = cur - 1; i >= 0; i--) {
                long v0 = re[i];
                long v1 = im[i];
                long hi0 = Ext2.mulRe(v0, v1, r0, r1);
                long hi1 = Ext2.mulIm(v0, v1, r0, r1);
                re[2 * i + 1] = hi0;
                im[2 * i + 1] = hi1;
                re[2 * i] = sub(v0, hi0);
                im[2 * i] = sub(v1, hi1);
            }
        }
        return new long[][] {re, im};
    }

    /** eq(a, b) for two points of equal length. */
    public static Ext2 eq(ExtVector a, ExtVector b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("eq: points of different lengths");
        }
        Ext2 acc = Ext2.ONE;
        for (int k = 0; k < a.size(); k++) {
            Ext2 ak = a.get(k);
            Ext2 bk = b.get(k);
            Ext2 both = ak.mul(bk);
            // a b + (1 - a)(1 - b) = 1 - a - b + 2ab
            Ext2 term = Ext2.ONE.sub(ak).sub(bk).add(both).add(both);
            acc = acc.mul(term);
        }
        return acc;
    }

    /**
     * f(point) for a base-field table (sequential; verifier-grade). The first fold goes from the base
     * field to the extension at half size (2 multiplications per entry); the rest fold in place.
     */
    public static Ext2 evaluate(long[] evals, ExtVector point) {
        int n = numVars(evals.length);
        checkPoint(n, point);
        if (n == 0) {
            return Ext2.ofBase(evals[0]);
        }
        int h = evals.length >>> 1;
        long[] a = new long[h];
        long[] b = new long[h];
        long r0 = point.re(0);
        long r1 = point.im(0);
        for (int i = 0; i < h; i++) {
            long d = sub(evals[i + h], evals[i]);
            a[i] = add(evals[i], mul(r0, d));
            b[i] = mul(r1, d);
        }
        return foldRest(a, b, point, 1);
    }

    /**
     * f(point) for an extension table given as {re, im}: folds a private copy variable by variable,
     * f(r_1, x') = lo[x'] + r_1 · (hi[x'] - lo[x']), in 3 base multiplications per entry and fold.
     */
    public static Ext2 evaluate(long[] re, long[] im, ExtVector point) {
        int n = numVars(re.length);
        checkPoint(n, point);
        if (im.length != re.length) {
            throw new IllegalArgumentException("re/im length mismatch");
        }
        return foldRest(re.clone(), im.clone(), point, 0);
    }

    /** Folds (a, b) in place with the coordinates point[from..] and returns the last entry. */
    private static Ext2 foldRest(long[] a, long[] b, ExtVector point, int from) {
        for (int k = from, size = a.length; k < point.size(); k++) {
            int h = size >>> 1;
            long r0 = point.re(k);
            long r1 = point.im(k);
            long rs = add(r0, r1);
            for (int i = 0; i < h; i++) {
                long d0 = sub(a[i + h], a[i]);
                long d1 = sub(b[i + h], b[i]);
                long v0 = mul(r0, d0);
                long v1 = mul(r1, d1);
                long cross = mul(rs, add(d0, d1));
                a[i] = add(a[i], add(v0, mul(Ext2.W, v1)));
                b[i] = add(b[i], sub(sub(cross, v0), v1));
            }
            size = h;
        }
        return new Ext2(a[0], b[0]);
    }

    /** Σ_x f(x) over the hypercube. */
    public static long sum(long[] evals) {
        long acc = 0;
        for (long v : evals) {
            acc = add(acc, v);
        }
        return acc;
    }

    /** Σ_x base[x] · (eqRe[x] + eqIm[x] X). */
    public static Ext2 innerProduct(long[] base, long[] eqRe, long[] eqIm) {
        long s0 = 0;
        long s1 = 0;
        for (int i = 0; i < base.length; i++) {
            s0 = add(s0, mul(base[i], eqRe[i]));
            s1 = add(s1, mul(base[i], eqIm[i]));
        }
        return new Ext2(s0, s1);
    }

    static void checkPoint(int n, ExtVector point) {
        if (point.size() != n) {
            throw new IllegalArgumentException("point has " + point.size() + " coordinates, polynomial has " + n + " variables");
        }
    }
}
