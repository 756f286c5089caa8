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
 *
 * <p>A <b>last-variable-first</b> table ({@link #lastFirstOfBase}, {@link #lastFirstOfExt}) is a table T of a
 * polynomial P whose entries from {@code live} on are zero, seen with its variables reversed: T(x_1..x_n) =
 * P(x_n..x_1). Its first variable is the last of P, so a fold pairs neighbouring entries P[2i], P[2i + 1]; the zero
 * tail stays a zero tail (ceil(live/2) entries after a fold), and only the live entries are stored and touched. A
 * sumcheck over such tables costs O(live) instead of O(2^n) and ends at the reversed point of P.
 */
public final class MleTable {
    private long[] re;
    /** null while every entry is in the base field. */
    private long[] im;
    private int numVars;
    private final boolean lastFirst;
    /** Last-variable-first tables: the stored entries that may be non-zero (the arrays hold at least 2·ceil(live/2)). */
    private int live;

    private MleTable(long[] re, long[] im, int numVars) {
        this(re, im, numVars, false, 1 << numVars);
    }

    private MleTable(long[] re, long[] im, int numVars, boolean lastFirst, int live) {
        this.re = re;
        this.im = im;
        this.numVars = numVars;
        this.lastFirst = lastFirst;
        this.live = live;
    }

    /**
     * The last-variable-first table of a base-field polynomial whose entries from {@code live} on are zero
     * (big-endian {@code evals}, at least {@code live} entries; the argument is not modified).
     */
    public static MleTable lastFirstOfBase(long[] evals, int numVars, int live) {
        checkLive(numVars, live, evals.length);
        return new MleTable(livePart(evals, live), null, numVars, true, live);
    }

    /** {@link #lastFirstOfBase} for an extension-field polynomial. */
    public static MleTable lastFirstOfExt(long[] re, long[] im, int numVars, int live) {
        checkLive(numVars, live, Math.min(re.length, im.length));
        return new MleTable(livePart(re, live), livePart(im, live), numVars, true, live);
    }

    /** The first {@code live} entries, then zeros up to the storage length. */
    private static long[] livePart(long[] a, int live) {
        long[] out = new long[storage(live)];
        System.arraycopy(a, 0, out, 0, live);
        return out;
    }

    private static void checkLive(int numVars, int live, int given) {
        if (numVars < 0 || numVars > 30 || live < 0 || live > 1 << numVars || given < live) {
            throw new IllegalArgumentException(live + " live entries of a table of 2^" + numVars + " (" + given + " given)");
        }
    }

    /** Stored entries for {@code live} live ones: even (a fold reads pairs), at least two. */
    private static int storage(int live) {
        return Math.max(2, live + (live & 1));
    }

    /** Whether this is a last-variable-first table (its arrays are in P's order, not this table's). */
    public boolean lastFirst() {
        return lastFirst;
    }

    /** The stored entries that may be non-zero: {@link #size()} for an ordinary table. */
    public int live() {
        return live;
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

    /**
     * Real parts; only the first {@link #size()} entries are meaningful (of a last-variable-first table: the first
     * {@link #live()} entries, in the order of the reversed polynomial).
     */
    public long[] re() {
        return re;
    }

    /** Imaginary parts, or null for a base table (stored like {@link #re()}). */
    public long[] im() {
        return im;
    }

    /** The real part of entry i of this table (in this table's variable order). */
    public long re(int i) {
        int at = stored(i);
        return at < live ? re[at] : 0;
    }

    public long im(int i) {
        int at = stored(i);
        return im == null || at >= live ? 0 : im[at];
    }

    private int stored(int i) {
        return lastFirst && numVars > 0 ? Integer.reverse(i) >>> (32 - numVars) : i;
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
        if (lastFirst) {
            foldLow(r0, r1);
            return;
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

    /** The fold of a last-variable-first table: t[i] ← t[2i] + r · (t[2i + 1] − t[2i]) for i < ceil(live/2). */
    private void foldLow(long r0, long r1) {
        int half = (live + 1) >>> 1;
        int len = storage(half);
        long[] src = re;
        long[] srcIm = im;
        long[] outRe = new long[len];
        long[] outIm = srcIm == null && r1 == 0 ? null : new long[len];
        long rs = add(r0, r1);
        Parallel.forRange(half, Parallel.DEFAULT_GRAIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                long lo0 = src[2 * i];
                long d0 = sub(src[2 * i + 1], lo0);
                if (srcIm == null) {
                    outRe[i] = add(lo0, mul(r0, d0));
                    if (outIm != null) {
                        outIm[i] = mul(r1, d0);
                    }
                } else {
                    long lo1 = srcIm[2 * i];
                    long d1 = sub(srcIm[2 * i + 1], lo1);
                    // Karatsuba product r · d
                    long v0 = mul(r0, d0);
                    long v1 = mul(r1, d1);
                    long cross = mul(rs, add(d0, d1));
                    outRe[i] = add(lo0, add(v0, mul(Ext2.W, v1)));
                    outIm[i] = add(lo1, sub(sub(cross, v0), v1));
                }
            }
        });
        re = outRe;
        im = outIm;
        live = half;
        numVars--;
    }
}
