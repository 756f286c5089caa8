package io.zkgw.prover.pcs.tensor;

import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.poly.Mle;
import java.util.List;

/**
 * How committed polynomials are arranged in the matrix, derived from public data only (the parameters
 * and every polynomial's number of variables), so prover and verifier compute the same thing.
 *
 * <p>All polynomials share one width cols = 2^logCols. With big-endian variable order, a polynomial with
 * n ≥ logCols variables is 2^(n - logCols) consecutive rows: its first n - logCols variables pick the
 * row, its last logCols variables the column. A polynomial with n &lt; logCols variables is one row,
 * its 2^n entries first, then zeros. Rows are stacked in commitment order.
 */
public final class TensorLayout {
    /** Largest supported codeword length (Java arrays, and the (e+1)/|F| term of the soundness bound). */
    public static final int MAX_LOG_BLOCK = 24;

    private final TensorPcsParams params;
    private final List<Integer> numVars;
    private final int logCols;
    private final int[] rowOffset;
    private final int[] rowCount;
    private final int totalRows;

    private TensorLayout(TensorPcsParams params, List<Integer> numVars, int logCols, int[] rowOffset, int[] rowCount, int totalRows) {
        this.params = params;
        this.numVars = numVars;
        this.logCols = logCols;
        this.rowOffset = rowOffset;
        this.rowCount = rowCount;
        this.totalRows = totalRows;
    }

    /**
     * The layout of a joint opening of {@code copies} commitments that share this layout: their matrices
     * stacked (commitment 0's rows first), with the same column width, so one set of column queries serves
     * them all. Polynomial p of commitment i is polynomial {@code i·numPolys() + p} of the stacked layout.
     */
    public TensorLayout stacked(int copies) {
        if (copies < 1) {
            throw new IllegalArgumentException("a joint opening needs at least one commitment");
        }
        if ((long) copies * totalRows > (1 << 24)) {
            throw new IllegalArgumentException("too many matrix rows in a joint opening of " + copies + " commitments");
        }
        int m = numVars.size();
        java.util.ArrayList<Integer> vars = new java.util.ArrayList<>(copies * m);
        int[] off = new int[copies * m];
        int[] cnt = new int[copies * m];
        for (int i = 0; i < copies; i++) {
            vars.addAll(numVars);
            for (int p = 0; p < m; p++) {
                off[i * m + p] = i * totalRows + rowOffset[p];
                cnt[i * m + p] = rowCount[p];
            }
        }
        return new TensorLayout(params, List.copyOf(vars), logCols, off, cnt, copies * totalRows);
    }

    public static TensorLayout of(TensorPcsParams params, List<Integer> numVars) {
        if (numVars.isEmpty()) {
            throw new IllegalArgumentException("commit to at least one polynomial");
        }
        long total = 0;
        int maxN = 0;
        for (int n : numVars) {
            if (n < 0 || n > 30) {
                throw new IllegalArgumentException("numVars out of range: " + n);
            }
            total += 1L << n;
            maxN = Math.max(maxN, n);
        }
        int logTotal = 64 - Long.numberOfLeadingZeros(total - 1); // ceil(log2 total); 0 for total = 1
        int logCols = Math.min(maxN, (logTotal + params.columnBias() + 1) / 2);
        if (logCols + params.logInvRate() > MAX_LOG_BLOCK) {
            throw new IllegalArgumentException("commitment too large for this layout: codeword 2^" + (logCols + params.logInvRate()));
        }
        int[] off = new int[numVars.size()];
        int[] cnt = new int[numVars.size()];
        long rows = 0;
        for (int i = 0; i < numVars.size(); i++) {
            off[i] = (int) rows;
            cnt[i] = numVars.get(i) >= logCols ? 1 << (numVars.get(i) - logCols) : 1;
            rows += cnt[i];
            if (rows > (1 << 24)) {
                throw new IllegalArgumentException("too many matrix rows");
            }
        }
        return new TensorLayout(params, List.copyOf(numVars), logCols, off, cnt, (int) rows);
    }

    public TensorPcsParams params() {
        return params;
    }

    public List<Integer> numVars() {
        return numVars;
    }

    public int numPolys() {
        return numVars.size();
    }

    public int logCols() {
        return logCols;
    }

    /** Message length k of the row code. */
    public int cols() {
        return 1 << logCols;
    }

    public int logBlockLength() {
        return logCols + params.logInvRate();
    }

    /** Codeword length N = number of Merkle leaves (columns of the encoded matrix). */
    public int blockLength() {
        return 1 << logBlockLength();
    }

    public int totalRows() {
        return totalRows;
    }

    public int rowOffset(int poly) {
        return rowOffset[poly];
    }

    public int rowCount(int poly) {
        return rowCount[poly];
    }

    /** Number of row-selecting variables of a polynomial: max(0, n - logCols). */
    public int rowVars(int poly) {
        return Math.max(0, numVars.get(poly) - logCols);
    }

    /**
     * Splits an evaluation at point z into the tensor form value = a^T · M_p · b: a = eq(z_row, ·) over
     * the polynomial's rows and b = eq(z_col, ·) over the columns (zero-padded for a short polynomial).
     * Returns {aRe, aIm, bRe, bIm}.
     */
    public long[][] tensorVectors(int poly, ExtVector point) {
        int n = numVars.get(poly);
        if (point.size() != n) {
            throw new IllegalArgumentException("point has " + point.size() + " coordinates, polynomial " + poly + " has " + n + " variables");
        }
        int rv = rowVars(poly);
        long[][] a = Mle.eqTable(point.slice(0, rv));
        long[][] b = Mle.eqTable(point.slice(rv, n));
        long[] bRe = new long[cols()];
        long[] bIm = new long[cols()];
        System.arraycopy(b[0], 0, bRe, 0, b[0].length);
        System.arraycopy(b[1], 0, bIm, 0, b[1].length);
        return new long[][] {a[0], a[1], bRe, bIm};
    }
}
