package io.zkgw.prover.inference;

import static io.zkgw.prover.field.Goldilocks.add;
import static io.zkgw.prover.field.Goldilocks.mul;
import static io.zkgw.prover.field.Goldilocks.sub;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.poly.Mle;

/** Small helpers on points, eq tables and partial evaluations shared by prover and verifier. */
final class Fx {
    private Fx() {}

    static int log2Ceil(long n) {
        if (n <= 1) {
            return 0;
        }
        return 64 - Long.numberOfLeadingZeros(n - 1);
    }

    static int nextPow2(int n) {
        return 1 << log2Ceil(n);
    }

    /** Bit length of a non-negative value: 0 for 0, else ⌊log2 v⌋ + 1. */
    static int bitLength(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("negative");
        }
        return 64 - Long.numberOfLeadingZeros(v);
    }

    /** The boolean point of index i over n variables, big-endian (first coordinate = top bit). */
    static ExtVector bits(int i, int n) {
        long[] re = new long[n];
        for (int k = 0; k < n; k++) {
            re[k] = (i >>> (n - 1 - k)) & 1;
        }
        return ExtVector.ownedBy(re, new long[n]);
    }

    static ExtVector concat(ExtVector a, ExtVector b) {
        long[] re = new long[a.size() + b.size()];
        long[] im = new long[re.length];
        for (int i = 0; i < a.size(); i++) {
            re[i] = a.re(i);
            im[i] = a.im(i);
        }
        for (int i = 0; i < b.size(); i++) {
            re[a.size() + i] = b.re(i);
            im[a.size() + i] = b.im(i);
        }
        return ExtVector.ownedBy(re, im);
    }

    static ExtVector empty() {
        return ExtVector.ownedBy(new long[0], new long[0]);
    }

    static ExtVector append(ExtVector a, Ext2 v) {
        return concat(a, ExtVector.of(v));
    }

    /** eq(point, i) for a boolean index i: Π_k (bit ? r_k : 1 − r_k). */
    static Ext2 eqAt(ExtVector point, int i) {
        int n = point.size();
        Ext2 acc = Ext2.ONE;
        for (int k = 0; k < n; k++) {
            Ext2 r = point.get(k);
            acc = acc.mul(((i >>> (n - 1 - k)) & 1) == 1 ? r : Ext2.ONE.sub(r));
        }
        return acc;
    }

    /** Σ_{i < count} eq(point, i): the MLE of the indicator of the first count indices. */
    static Ext2 prefixIndicator(ExtVector point, int count) {
        long[][] eq = Mle.eqTable(point);
        long s0 = 0;
        long s1 = 0;
        for (int i = 0; i < count; i++) {
            s0 = add(s0, eq[0][i]);
            s1 = add(s1, eq[1][i]);
        }
        return new Ext2(s0, s1);
    }

    /**
     * Partial evaluation over the leading variables: out[u] = Σ_b eq(prefix, b) · table[b·2^m + u], with
     * m = n − |prefix|. Returns {re, im}; for an empty prefix a copy of the table.
     */
    static long[][] foldPrefix(long[] table, ExtVector prefix) {
        int n = Mle.numVars(table.length);
        int m = n - prefix.size();
        int rest = 1 << m;
        long[] re = new long[rest];
        long[] im = new long[rest];
        if (prefix.size() == 0) {
            System.arraycopy(table, 0, re, 0, rest);
            return new long[][] {re, im};
        }
        long[][] eq = Mle.eqTable(prefix);
        for (int b = 0; b < eq[0].length; b++) {
            long e0 = eq[0][b];
            long e1 = eq[1][b];
            int base = b * rest;
            for (int u = 0; u < rest; u++) {
                long v = table[base + u];
                if (v != 0) {
                    re[u] = add(re[u], mul(v, e0));
                    im[u] = add(im[u], mul(v, e1));
                }
            }
        }
        return new long[][] {re, im};
    }

    /** Σ_i t[i]·eq(point, i) for an extension table {re, im}. */
    static Ext2 evaluate(long[][] t, ExtVector point) {
        return Mle.evaluate(t[0], t[1], point);
    }

    /** a·b for extension tables given as {re, im} arrays, into a new table. */
    static long[][] mulTables(long[][] a, long[][] b) {
        int n = a[0].length;
        long[] re = new long[n];
        long[] im = new long[n];
        for (int i = 0; i < n; i++) {
            re[i] = Ext2.mulRe(a[0][i], a[1][i], b[0][i], b[1][i]);
            im[i] = Ext2.mulIm(a[0][i], a[1][i], b[0][i], b[1][i]);
        }
        return new long[][] {re, im};
    }

    static Ext2 base(long v) {
        return Ext2.ofBase(v);
    }

    static long pow2(int k) {
        return Goldilocks.pow(2, k);
    }

    static long neg(long v) {
        return Goldilocks.neg(v);
    }

    static long fsub(long a, long b) {
        return sub(a, b);
    }

    static long fmul(long a, long b) {
        return mul(a, b);
    }

    static long fadd(long a, long b) {
        return add(a, b);
    }

    static long signed(long v) {
        return Goldilocks.fromSigned(v);
    }
}
