package io.zkgw.prover.poly;

import static io.zkgw.prover.field.Goldilocks.add;
import static io.zkgw.prover.field.Goldilocks.mul;
import static io.zkgw.prover.field.Goldilocks.sub;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.parallel.Parallel;

/**
 * A mutable multilinear evaluation table (big-endian variable order, see {@link Mle}) that provers fold
 * round by round. It starts over the base field (no imaginary array) and turns into an extension table
 * at the first fold with an extension challenge; after that every fold works in place on the first
 * half of the arrays, so a full sumcheck allocates one extra half-size array per table.
 */
public final class MleTable {
    private long[] re;
    /** null while every entry is in the base field. */
    private long[] im;
    private int numVars;

    private MleTable(long[] re, long[] im, int numVars) {
        this.re = re;
        this.im = im;
        this.numVars = numVars;
    }

    /** A working copy of a base-field table; the argument is not modified. */
    public static MleTable ofBase(long[] evals) {
        return new MleTable(evals.clone(), null, Mle.numVars(evals.length));
    }

    /** A working copy of an extension table; the arguments are not modified. */
    public static MleTable ofExt(long[] re, long[] im) {
        if (re.length != im.length) {
            throw new IllegalArgumentException("re/im length mismatch");
        }
        return new MleTable(re.clone(), im.clone(), Mle.numVars(re.length));
    }

    public int numVars() {
        return numVars;
    }

    public int size() {
        return 1 << numVars;
    }

    public boolean isBase() {
        return im == null;
    }

    /** Real parts; only the first {@link #size()} entries are meaningful. */
    public long[] re() {
        return re;
    }

    /** Imaginary parts, or null for a base table. */
    public long[] im() {
        return im;
    }

    public long re(int i) {
        return re[i];
    }

    public long im(int i) {
        return im == null ? 0 : im[i];
    }

    /** The single entry of a table with no variables left. */
    public Ext2 value() {
        if (numVars != 0) {
            throw new IllegalStateException("table still has " + numVars + " variables");
        }
        return new Ext2(re[0], im(0));
    }

    /** Fixes x_1 = r0 + r1·X: t[i] ← t[i] + r · (t[i + h] - t[i]) for i < h = size/2. */
    public void foldFirst(long r0, long r1) {
        if (numVars == 0) {
            throw new IllegalStateException("no variable left to fold");
        }
        int h = 1 << (numVars - 1);
        long[] re = this.re;
        if (im == null) {
            if (r1 == 0) {
                Parallel.forRange(h, Parallel.DEFAULT_GRAIN, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        re[i] = add(re[i], mul(r0, sub(re[i + h], re[i])));
                    }
                });
            } else {
                long[] im = new long[h];
                Parallel.forRange(h, Parallel.DEFAULT_GRAIN, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        long d = sub(re[i + h], re[i]);
                        re[i] = add(re[i], mul(r0, d));
                        im[i] = mul(r1, d);
                    }
                });
                this.im = im;
            }
        } else {
            long[] im = this.im;
            long rs = add(r0, r1);
            Parallel.forRange(h, Parallel.DEFAULT_GRAIN, (from, to) -> {
                for (int i = from; i < to; i++) {
                    long d0 = sub(re[i + h], re[i]);
                    long d1 = sub(im[i + h], im[i]);
                    // Karatsuba product r · d.
                    long v0 = mul(r0, d0);
                    long v1 = mul(r1, d1);
                    long cross = mul(rs, add(d0, d1));
                    re[i] = add(re[i], add(v0, mul(Ext2.W, v1)));
                    im[i] = add(im[i], sub(sub(cross, v0), v1));
                }
            });
        }
        numVars--;
    }
}
