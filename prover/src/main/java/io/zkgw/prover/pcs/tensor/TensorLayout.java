package io.zkgw.prover.pcs.tensor;

import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.poly.Mle;
import java.util.ArrayList;
import java.util.List;

/**
 * How committed polynomials are arranged in the matrix, derived from public data only (the parameters
 * and every polynomial's number of variables), so prover and verifier compute the same thing.
 *
 * <p>All polynomials share one data width cols = 2^logCols. With big-endian variable order, a polynomial
 * with n ≥ logCols variables is 2^(n - logCols) consecutive rows: its first n - logCols variables pick the
 * row, its last logCols variables the column. A polynomial with n &lt; logCols variables is one row, its
 * 2^n entries first, then zeros. Rows are stacked in commitment order.
 *
 * <p>With hiding parameters every row's message is its cols data entries followed by {@link #padding()}
 * random coefficients (message length K = cols + padding), and four random mask rows follow the data rows
 * ({@link #MASK_ROWS}: two for the proximity mask, two for the evaluation mask, each pair read as one
 * extension-field row a + X·b). The codeword length is then the smallest power of two that is at least
 * 2^logInvRate·cols and 3·K.
 *
 * <p>A polynomial may be committed as a prefix ({@link #ofPrefix}): only its first L entries can be non-zero, the
 * rest are zero by definition and have no rows (ceil(L / cols) rows instead of 2^(n − logCols)). The layout, and so
 * the commitment's binding, is then to that polynomial with a zero tail; the width and the code are those of the
 * full polynomial (with hiding parameters, narrowed where that halves the code, as a budgeted layout is), and the
 * opening's soundness bound is that of the code. For a table padded to a power of two (the witness) this saves the
 * encoding, hashing and opened column entries of the padding.
 *
 * <p>A joint layout ({@link #joint}) stacks the matrices of several commitments with the same code (one
 * "tree" per commitment): tree i's rows, data then masks, follow tree i−1's, and its polynomials follow
 * tree i−1's in the polynomial numbering.
 */
public final class TensorLayout {
    /** Largest supported codeword length (Java arrays, and the (e+1)/|F| term of the soundness bound). */
    public static final int MAX_LOG_BLOCK = 24;
    /** Mask rows of a hiding commitment. */
    public static final int MASK_ROWS = 4;
    /** Offsets of the mask rows after the data rows: proximity mask (a, b), evaluation mask (a, b). */
    public static final int PROXIMITY_MASK = 0;
    public static final int EVAL_MASK = 2;

    private final TensorPcsParams params;
    private final List<Integer> numVars;
    /** Per polynomial, the entries that may be non-zero (2^n unless committed as a prefix). */
    private final long[] length;
    private final int logCols;
    private final int logBlock;
    private final int[] rowOffset;
    private final int[] rowCount;
    private final int totalRows;
    /** Per tree: first row, number of data rows, first polynomial. */
    private final int[] treeRow;
    private final int[] treeDataRows;
    private final int[] treePoly;

    private TensorLayout(TensorPcsParams params, List<Integer> numVars, long[] length, int logCols, int logBlock, int[] rowOffset,
            int[] rowCount, int totalRows, int[] treeRow, int[] treeDataRows, int[] treePoly) {
        this.params = params;
        this.numVars = numVars;
        this.length = length;
        this.logCols = logCols;
        this.logBlock = logBlock;
        this.rowOffset = rowOffset;
        this.rowCount = rowCount;
        this.totalRows = totalRows;
        this.treeRow = treeRow;
        this.treeDataRows = treeDataRows;
        this.treePoly = treePoly;
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
        if (params.openingBudget() > 1) {
            // the commitment and its per-proof masks are opened together: two trees
            logCols = narrowed(params, fullLengths(numVars), numVars, logCols, 2);
        }
        return withWidth(params, numVars, fullLengths(numVars), logCols);
    }

    /**
     * One polynomial of numVars variables whose entries from {@code entries} on are zero: the width and code of
     * {@link #of} for that polynomial, but only the rows that hold its first {@code entries} entries. With hiding
     * parameters the width is then narrowed where a column bit less halves the code ({@link #narrowed}, one tree).
     */
    public static TensorLayout ofPrefix(TensorPcsParams params, int numVars, long entries) {
        if (numVars < 0 || numVars > 30) {
            throw new IllegalArgumentException("numVars out of range: " + numVars);
        }
        if (entries < 1 || entries > 1L << numVars) {
            throw new IllegalArgumentException("a prefix of " + entries + " entries of a polynomial with 2^" + numVars + " entries");
        }
        int logCols = of(params, List.of(numVars)).logCols;
        if (params.hiding()) {
            logCols = narrowed(params, new long[] {entries}, List.of(numVars), logCols, 1);
        }
        return withWidth(params, List.of(numVars), new long[] {entries}, logCols);
    }

    private static long[] fullLengths(List<Integer> numVars) {
        long[] out = new long[numVars.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = 1L << numVars.get(i);
        }
        return out;
    }

    /**
     * A hiding row's message is its width plus padding (t per row, t·K for a reusable commitment), so its codeword
     * length is set by max(4·width, 3·(width + padding)), and a width just above a power-of-two boundary doubles it
     * for nothing. The width rule of {@link #of} balances the proof's row and column parts for an unpadded matrix;
     * here one column less can halve the codeword, and with it the encoding, the hashing, the verifier's re-encoding
     * and, for a reusable commitment, the fresh masks every proof commits. The narrower width is taken while it
     * halves the codeword and the opening does not grow: 8·t more bytes of opened columns per extra data row, against
     * 2·16 bytes per entry fewer in the two sent rows and one Merkle level (about 32·t bytes of siblings) fewer in
     * each tree opened. Used for a budgeted layout (two trees: the commitment and its masks) and for a hiding prefix
     * layout (the witness, one tree). A function of public data only, like the rest of the layout
     * (docs/proof-system.md §10.5).
     */
    private static int narrowed(TensorPcsParams params, long[] lengths, List<Integer> numVars, int logCols, int trees) {
        long t = params.numQueries();
        while (logCols > 0) {
            int narrower = logCols - 1;
            if (codewordLog(params, narrower) >= codewordLog(params, logCols)) {
                break;
            }
            long extraColumnBytes = 8 * t * (dataRows(lengths, numVars, narrower) - dataRows(lengths, numVars, logCols));
            long savedBytes = 2 * 16 * (1L << narrower) + trees * 32 * t;
            if (extraColumnBytes > savedBytes) {
                break;
            }
            logCols = narrower;
        }
        return logCols;
    }

    private static long dataRows(long[] lengths, List<Integer> numVars, int logCols) {
        long rows = 0;
        for (int i = 0; i < lengths.length; i++) {
            rows += rowsOf(numVars.get(i), lengths[i], logCols);
        }
        return rows;
    }

    /** The rows that hold the first length entries of a polynomial of n variables at this width (one if it is short). */
    private static long rowsOf(int n, long length, int logCols) {
        return n >= logCols ? (length + (1L << logCols) - 1) >>> logCols : 1;
    }

    /** log2 of the codeword length at this data width. */
    private static int codewordLog(TensorPcsParams params, int logCols) {
        int logBlock = logCols + params.logInvRate();
        if (params.hiding()) {
            long k3 = 3L * ((1L << logCols) + params.padding());
            logBlock = Math.max(logBlock, 64 - Long.numberOfLeadingZeros(k3 - 1));
        }
        return logBlock;
    }

    /**
     * A hiding commitment with no data rows, only the four mask rows, for the given data width: fresh
     * masks for a joint opening with a commitment that is opened more than once (the weights).
     */
    public static TensorLayout masksOnly(TensorPcsParams params, int logCols) {
        if (!params.hiding()) {
            throw new IllegalArgumentException("a masks-only commitment needs hiding parameters");
        }
        return withWidth(params, List.of(), new long[0], logCols);
    }

    /** A single-tree layout of these polynomials at a given data width (a link's masks, {@link TensorLink}). */
    static TensorLayout ofWidth(TensorPcsParams params, List<Integer> numVars, int logCols) {
        return withWidth(params, numVars, fullLengths(numVars), logCols);
    }

    private static TensorLayout withWidth(TensorPcsParams params, List<Integer> numVars, long[] length, int logCols) {
        int logBlock = codewordLog(params, logCols);
        if (logBlock > MAX_LOG_BLOCK) {
            throw new IllegalArgumentException("commitment too large for this layout: codeword 2^" + logBlock);
        }
        int[] off = new int[numVars.size()];
        int[] cnt = new int[numVars.size()];
        long rows = 0;
        for (int i = 0; i < numVars.size(); i++) {
            off[i] = (int) rows;
            // the rows that hold the first length[i] entries (all 2^(n − logCols) of them unless a prefix)
            cnt[i] = (int) rowsOf(numVars.get(i), length[i], logCols);
            rows += cnt[i];
            if (rows > (1 << 24)) {
                throw new IllegalArgumentException("too many matrix rows");
            }
        }
        int dataRows = (int) rows;
        int all = dataRows + (params.hiding() ? MASK_ROWS : 0);
        return new TensorLayout(params, List.copyOf(numVars), length.clone(), logCols, logBlock, off, cnt, all, new int[] {0},
                new int[] {dataRows}, new int[] {0});
    }

    /**
     * The layout of a joint opening of commitments with these layouts (same parameters, width and
     * codeword length): their matrices stacked in order, so one set of column queries serves them all.
     * Polynomial p of tree i is polynomial (number of polynomials of trees 0..i−1) + p of the joint layout.
     */
    public static TensorLayout joint(List<TensorLayout> trees) {
        if (trees.isEmpty()) {
            throw new IllegalArgumentException("a joint opening needs at least one commitment");
        }
        TensorLayout first = trees.getFirst();
        List<Integer> vars = new ArrayList<>();
        List<Long> len = new ArrayList<>();
        List<Integer> off = new ArrayList<>();
        List<Integer> cnt = new ArrayList<>();
        int m = trees.size();
        int[] treeRow = new int[m];
        int[] treeData = new int[m];
        int[] treePoly = new int[m];
        long rows = 0;
        for (int i = 0; i < m; i++) {
            TensorLayout t = trees.get(i);
            if (t.treeCount() != 1) {
                throw new IllegalArgumentException("a joint layout of joint layouts");
            }
            if (!t.params.equals(first.params) || t.logCols != first.logCols || t.logBlock != first.logBlock) {
                throw new IllegalArgumentException("a joint opening needs commitments with the same parameters, width and code");
            }
            treeRow[i] = (int) rows;
            treeData[i] = t.treeDataRows[0];
            treePoly[i] = vars.size();
            for (int p = 0; p < t.numPolys(); p++) {
                vars.add(t.numVars.get(p));
                len.add(t.length[p]);
                off.add((int) rows + t.rowOffset[p]);
                cnt.add(t.rowCount[p]);
            }
            rows += t.totalRows;
            if (rows > (1 << 24)) {
                throw new IllegalArgumentException("too many matrix rows in a joint opening of " + m + " commitments");
            }
        }
        return new TensorLayout(first.params, List.copyOf(vars), len.stream().mapToLong(Long::longValue).toArray(), first.logCols,
                first.logBlock,
                off.stream().mapToInt(Integer::intValue).toArray(), cnt.stream().mapToInt(Integer::intValue).toArray(), (int) rows, treeRow,
                treeData, treePoly);
    }

    /** The joint layout of {@code copies} commitments with this layout. */
    public TensorLayout stacked(int copies) {
        if (copies < 1) {
            throw new IllegalArgumentException("a joint opening needs at least one commitment");
        }
        List<TensorLayout> trees = new ArrayList<>(copies);
        for (int i = 0; i < copies; i++) {
            trees.add(this);
        }
        return joint(trees);
    }

    public TensorPcsParams params() {
        return params;
    }

    public List<Integer> numVars() {
        return numVars;
    }

    /** Entries of polynomial p that may be non-zero: 2^n, or the prefix it was committed as ({@link #ofPrefix}). */
    public long length(int poly) {
        return length[poly];
    }

    /** Whether some polynomial is committed as a strict prefix (its lengths are then part of the opening's statement). */
    public boolean hasPrefix() {
        for (int p = 0; p < length.length; p++) {
            if (length[p] != 1L << numVars.get(p)) {
                return true;
            }
        }
        return false;
    }

    public int numPolys() {
        return numVars.size();
    }

    public int logCols() {
        return logCols;
    }

    /** Data width k of a row (the columns a polynomial's entries occupy). */
    public int cols() {
        return 1 << logCols;
    }

    /** Random coefficients after the data in every row's message (0 unless hiding). */
    public int padding() {
        return params.padding();
    }

    /** Message length K = cols + padding: the dimension of the row code, and the length of the rows an opening sends. */
    public int messageLength() {
        return cols() + padding();
    }

    /**
     * log2 of the message capacity of the encoder: messages (K entries) are zero-padded to this length and
     * encoded by one coset NTT of size N; the codeword of a message of degree &lt; K does not depend on it.
     * logCols without hiding (capacity = K = cols), logBlock − 1 with hiding (N ≥ 3K, so K ≤ N/2).
     */
    public int logMessageCapacity() {
        return params.hiding() ? logBlock - 1 : logCols;
    }

    /** The row code's encoder for this layout. */
    public io.zkgw.prover.ntt.ReedSolomon code() {
        return io.zkgw.prover.ntt.ReedSolomon.of(logMessageCapacity(), logBlock - logMessageCapacity());
    }

    public int logBlockLength() {
        return logBlock;
    }

    /** Codeword length N = number of Merkle leaves (columns of the encoded matrix). */
    public int blockLength() {
        return 1 << logBlock;
    }

    /** Every committed row: the data rows and, when hiding, the mask rows, of every tree. */
    public int totalRows() {
        return totalRows;
    }

    public int treeCount() {
        return treeRow.length;
    }

    /** First row of tree i in the (joint) matrix. */
    public int treeRowOffset(int tree) {
        return treeRow[tree];
    }

    /** Rows of tree i: its data rows, then its mask rows. */
    public int treeRows(int tree) {
        int end = tree + 1 < treeRow.length ? treeRow[tree + 1] : totalRows;
        return end - treeRow[tree];
    }

    public int treeDataRows(int tree) {
        return treeDataRows[tree];
    }

    /** Index of tree i's first polynomial. */
    public int treePolyOffset(int tree) {
        return treePoly[tree];
    }

    /** Absolute row of tree i's mask row (PROXIMITY_MASK or EVAL_MASK, + 0 for the a part, + 1 for the b part). */
    public int maskRow(int tree, int which) {
        if (!params.hiding()) {
            throw new IllegalStateException("no mask rows without hiding");
        }
        return treeRow[tree] + treeDataRows[tree] + which;
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
     * the polynomial's 2^rowVars rows (of which the first {@link #rowCount} are committed) and b = eq(z_col, ·) over the columns (zero-padded for a short polynomial).
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
