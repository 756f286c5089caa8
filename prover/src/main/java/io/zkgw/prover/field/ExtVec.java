package io.zkgw.prover.field;

import static io.zkgw.prover.field.Goldilocks.add;
import static io.zkgw.prover.field.Goldilocks.mul;
import static io.zkgw.prover.field.Goldilocks.sub;

/**
 * Bulk operations on extension vectors stored as two parallel {@code long[]}s (real parts, imaginary
 * parts). Structure-of-arrays keeps base-field data and the real halves of extension data in the same
 * shape, so a base vector is an extension vector whose imaginary array is absent.
 */
public final class ExtVec {
    private ExtVec() {}

    /** Sets (re[i], im[i]) = (re[i], im[i]) * (b0 + b1 X) for all i. */
    public static void scale(long[] re, long[] im, long b0, long b1) {
        long s = add(b0, b1);
        for (int i = 0; i < re.length; i++) {
            long a0 = re[i];
            long a1 = im[i];
            long v0 = mul(a0, b0);
            long v1 = mul(a1, b1);
            long cross = mul(add(a0, a1), s);
            re[i] = add(v0, mul(Ext2.W, v1));
            im[i] = sub(sub(cross, v0), v1);
        }
    }

    /** Sets (accRe[i], accIm[i]) += (re[i], im[i]) * (b0 + b1 X) for i &lt; n. */
    public static void addScaled(long[] accRe, long[] accIm, long[] re, long[] im, int n, long b0, long b1) {
        long s = add(b0, b1);
        for (int i = 0; i < n; i++) {
            long a0 = re[i];
            long a1 = im[i];
            long v0 = mul(a0, b0);
            long v1 = mul(a1, b1);
            long cross = mul(add(a0, a1), s);
            accRe[i] = add(accRe[i], add(v0, mul(Ext2.W, v1)));
            accIm[i] = add(accIm[i], sub(sub(cross, v0), v1));
        }
    }

    /** Σ_i (aRe[i] + aIm[i] X)(bRe[i] + bIm[i] X), written to out[0], out[1]. */
    public static void innerProduct(long[] aRe, long[] aIm, long[] bRe, long[] bIm, int n, long[] out) {
        long s0 = 0;
        long s1 = 0;
        for (int i = 0; i < n; i++) {
            long a0 = aRe[i];
            long a1 = aIm[i];
            long b0 = bRe[i];
            long b1 = bIm[i];
            long v0 = mul(a0, b0);
            long v1 = mul(a1, b1);
            long cross = mul(add(a0, a1), add(b0, b1));
            s0 = add(s0, add(v0, mul(Ext2.W, v1)));
            s1 = add(s1, sub(sub(cross, v0), v1));
        }
        out[0] = s0;
        out[1] = s1;
    }
}
