package io.zkgw.prover.inference;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Several multilinear tables concatenated into one polynomial with aligned segments: segment s with
 * n_s variables starts at a multiple of 2^n_s, so T_s(y) = P(bits(offset_s / 2^n_s), y) and a claim on
 * a segment is a claim on P. Segments are placed largest first (ties in declaration order), which makes
 * every offset aligned; the total is padded with zeros to a power of two. Derived from the segment sizes
 * alone, so prover and verifier agree.
 */
final class PolyLayout {
    /** Largest number of variables of a concatenated polynomial (sumcheck and PCS limit). */
    static final int MAX_VARS = 28;

    private final int[] numVars;
    private final int[] offset;
    private final int totalVars;
    private final long used;

    private PolyLayout(int[] numVars, int[] offset, int totalVars, long used) {
        this.numVars = numVars;
        this.offset = offset;
        this.totalVars = totalVars;
        this.used = used;
    }

    static PolyLayout of(int[] numVars) {
        if (numVars.length == 0) {
            throw new IllegalArgumentException("no segments");
        }
        Integer[] order = IntStream.range(0, numVars.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> -numVars[i]).thenComparingInt(i -> i));
        int[] off = new int[numVars.length];
        long at = 0;
        for (int i : order) {
            if (numVars[i] < 0 || numVars[i] > MAX_VARS) {
                throw new IllegalArgumentException("segment with " + numVars[i] + " variables");
            }
            off[i] = (int) at;
            at += 1L << numVars[i];
            if (at > (1L << MAX_VARS)) {
                throw new IllegalArgumentException("concatenated polynomial larger than 2^" + MAX_VARS);
            }
        }
        return new PolyLayout(numVars.clone(), off, Fx.log2Ceil(at), at);
    }

    int segments() {
        return numVars.length;
    }

    int numVars(int s) {
        return numVars[s];
    }

    int offset(int s) {
        return offset[s];
    }

    int totalVars() {
        return totalVars;
    }

    int size() {
        return 1 << totalVars;
    }

    /**
     * Entries covered by segments: Σ 2^n_s. The segments fill [0, used) without gaps (largest first), so every
     * entry from here to {@link #size()} is padding, zero by definition: the witness is committed as this prefix.
     */
    int used() {
        return (int) used;
    }

    /** The point of P that a claim on segment s at its own point corresponds to. */
    ExtVector fullPoint(int s, ExtVector point) {
        if (point.size() != numVars[s]) {
            throw new IllegalArgumentException("point has " + point.size() + " coordinates, segment has " + numVars[s]);
        }
        return Fx.concat(Fx.bits(offset[s] >>> numVars[s], totalVars - numVars[s]), point);
    }

    /** eq(fullPoint(s, point), x) for a point x of P, in O(totalVars). */
    Ext2 eqWithSegmentPoint(int s, ExtVector point, ExtVector x) {
        int hi = totalVars - numVars[s];
        Ext2 head = Fx.eqAt(x.slice(0, hi), offset[s] >>> numVars[s]);
        return head.mul(io.zkgw.prover.poly.Mle.eq(point, x.slice(hi, totalVars)));
    }

    /** The concatenated table; tables[s] must have 2^n_s entries. */
    long[] assemble(long[][] tables) {
        long[] out = new long[size()];
        for (int s = 0; s < numVars.length; s++) {
            if (tables[s].length != 1 << numVars[s]) {
                throw new IllegalArgumentException("segment " + s + " has " + tables[s].length + " entries, expected 2^" + numVars[s]);
            }
            System.arraycopy(tables[s], 0, out, offset[s], tables[s].length);
        }
        return out;
    }
}
