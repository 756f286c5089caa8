package io.zkgw.prover.pcs.tensor;

import static io.zkgw.prover.field.Goldilocks.add;
import static io.zkgw.prover.field.Goldilocks.mul;
import static io.zkgw.prover.field.Goldilocks.reduce192;

import io.zkgw.prover.field.BaseVector;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.FieldVec;
import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.hash.Digests;
import io.zkgw.prover.hash.Prg;
import io.zkgw.prover.hash.Sha256Prg;
import io.zkgw.prover.merkle.MerkleHash;
import io.zkgw.prover.merkle.MerkleMultiproof;
import io.zkgw.prover.merkle.MerkleTree;
import io.zkgw.prover.ntt.ReedSolomon;
import io.zkgw.prover.parallel.Parallel;
import io.zkgw.prover.pcs.EvalClaim;
import io.zkgw.prover.transcript.Transcript;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Prover of the tensor PCS: commit (encode every row with the Reed–Solomon code, hash the columns into
 * a Merkle tree) and open (send row combinations, then the queried columns with a multiproof). Rows are
 * encoded and columns hashed in parallel on the common fork-join pool. With hiding parameters, commit
 * draws the padding, mask rows and leaf salts from a blinding seed (docs/proof-system.md §10).
 */
public final class TensorPcsProver {
    /** Domain of the blinding generator: every hiding commitment's randomness comes from it and its seed. */
    public static final String BLINDING_DOMAIN = "zkgw/pcs/tensor/blinding";

    private final TensorPcsParams params;

    public TensorPcsProver(TensorPcsParams params) {
        this.params = params;
    }

    public TensorPcsParams params() {
        return params;
    }

    /** Commits; a hiding commitment draws its blinding seed from {@link SecureRandom}. */
    public TensorProverData commit(List<long[]> polys) {
        if (!params.hiding()) {
            return commit(polys, (Prg) null);
        }
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        return commit(polys, seed);
    }

    /**
     * Commits with the blinding randomness derived from {@code blindingSeed} (hiding parameters; a secret
     * of ≥ 128 bits of entropy, never reused for another commitment) — deterministic, so a requester or the
     * provider can recompute a commitment from its opening. Ignored (may be null) without hiding.
     */
    public TensorProverData commit(List<long[]> polys, byte[] blindingSeed) {
        return commit(polys, blinding(blindingSeed));
    }

    /**
     * Commits with the blinding randomness drawn from {@code blinding} (hiding parameters; ignored, may be
     * null, without): for a commitment nobody but its owner recomputes, whose generator may differ from the
     * {@link Sha256Prg} of {@link #commit(List, byte[])} (an inference proof's own commitments).
     */
    public TensorProverData commit(List<long[]> polys, Prg blinding) {
        List<Integer> sizes = new ArrayList<>(polys.size());
        long[][] copies = new long[polys.size()][];
        for (int i = 0; i < polys.size(); i++) {
            long[] p = polys.get(i);
            sizes.add(io.zkgw.prover.poly.Mle.numVars(p.length));
            if (!FieldVec.allCanonical(p)) {
                throw new IllegalArgumentException("polynomial " + i + " has a non-canonical entry");
            }
            copies[i] = p.clone();
        }
        return commitLayout(TensorLayout.of(params, sizes), copies, requireBlinding(blinding), false);
    }

    /**
     * Commits to one polynomial of numVars variables of which only {@code entries} (its first entries.length) may
     * be non-zero: the rows of the zero tail are neither encoded nor hashed ({@link TensorLayout#ofPrefix}); the
     * verifier takes the same layout from (numVars, entries.length).
     */
    public TensorProverData commitPrefix(int numVars, long[] entries, Prg blinding) {
        return commitPrefix(numVars, entries, entries.length, blinding);
    }

    /**
     * {@link #commitPrefix(int, long[], Prg)} of the first {@code length} entries of {@code table} (copied once; the
     * caller may keep using the table, e.g. a power-of-two witness table whose tail past length is zero).
     */
    public TensorProverData commitPrefix(int numVars, long[] table, int length, Prg blinding) {
        if (length < 0 || length > table.length) {
            throw new IllegalArgumentException("prefix of " + length + " entries of a table of " + table.length);
        }
        long[] entries = java.util.Arrays.copyOf(table, length);
        if (!FieldVec.allCanonical(entries)) {
            throw new IllegalArgumentException("polynomial 0 has a non-canonical entry");
        }
        TensorLayout layout = TensorLayout.ofPrefix(params, numVars, length);
        return commitLayout(layout, new long[][] {entries}, requireBlinding(blinding), false);
    }

    /** The generator of a seed-blinded commitment; null without hiding. */
    private Prg blinding(byte[] blindingSeed) {
        if (!params.hiding()) {
            return null;
        }
        if (blindingSeed == null || blindingSeed.length < 16) {
            throw new IllegalArgumentException("a hiding commitment needs a blinding seed of at least 16 bytes");
        }
        return new Sha256Prg(BLINDING_DOMAIN, blindingSeed);
    }

    private Prg requireBlinding(Prg blinding) {
        if (params.hiding() && blinding == null) {
            throw new IllegalArgumentException("a hiding commitment needs a blinding generator");
        }
        return params.hiding() ? blinding : null;
    }

    /**
     * A hiding commitment that may be opened in more than one proof, each time jointly with a fresh
     * {@link #commitMasks} commitment of the same width that carries that opening's masks (the model
     * weights). The padding of its rows hides the columns of one opening; see {@link TensorProverData#reusable}.
     */
    public TensorProverData commitReusable(List<long[]> polys, byte[] blindingSeed) {
        if (!params.hiding()) {
            throw new IllegalArgumentException("a reusable commitment is a hiding one");
        }
        TensorProverData d = commit(polys, blindingSeed);
        return new TensorProverData(d.layout(), d.polys(), d.padding(), d.masks(), d.salts(), d.encoded(), d.tree(), true);
    }

    /**
     * A hiding commitment with only the four mask rows, for data width 2^logCols: the fresh masks of a joint
     * opening with a commitment of that width that is opened in more than one proof (the weights).
     */
    public TensorProverData commitMasks(int logCols, byte[] blindingSeed) {
        return commitLayout(TensorLayout.masksOnly(params, logCols), new long[0][], blinding(blindingSeed), false);
    }

    /** {@link #commitMasks(int, byte[])} with the masks and salts drawn from {@code blinding}. */
    public TensorProverData commitMasks(int logCols, Prg blinding) {
        return commitLayout(TensorLayout.masksOnly(params, logCols), new long[0][], requireBlinding(blinding), false);
    }

    /** A hiding commitment with a given single-tree layout (a link's masks): polys are its data rows' tables, one row each. */
    TensorProverData commitWithLayout(TensorLayout layout, long[][] polys, Prg blinding) {
        return commitLayout(layout, polys, requireBlinding(blinding), false);
    }

    private TensorProverData commitLayout(TensorLayout layout, long[][] copies, Prg prg, boolean reusable) {
        int dataRows = layout.treeDataRows(0);
        int cols = layout.cols();
        int k = layout.messageLength();
        int pad = layout.padding();
        int n = layout.blockLength();
        long[][] padding = null;
        long[][] masks = null;
        byte[] salts = null;
        if (params.hiding()) {
            padding = new long[dataRows][];
            for (int r = 0; r < dataRows; r++) {
                padding[r] = prg.nextFields(pad);
            }
            masks = new long[TensorLayout.MASK_ROWS][];
            for (int m = 0; m < masks.length; m++) {
                masks[m] = prg.nextFields(k);
            }
            salts = prg.nextBytes(n * TensorProtocol.SALT_BYTES);
        }
        ReedSolomon code = layout.code();
        int rows = layout.totalRows();
        long[][] encoded = new long[rows][];
        int[] rowPoly = rowOwners(layout);
        long[][] pd = padding;
        long[][] mk = masks;
        IntStream.range(0, rows).parallel().forEach(r -> {
            long[] msg = new long[code.messageLength()];
            if (r < dataRows) {
                int p = rowPoly[r];
                long[] src = copies[p];
                int local = r - layout.rowOffset(p);
                int from = Math.min(src.length, local * cols);
                System.arraycopy(src, from, msg, 0, Math.min(cols, src.length - from));
                if (pd != null) {
                    System.arraycopy(pd[r], 0, msg, cols, pad);
                }
            } else {
                System.arraycopy(mk[r - dataRows], 0, msg, 0, k);
            }
            encoded[r] = code.encode(msg, 0);
        });
        byte[] leaves = new byte[n * Digest.LENGTH];
        byte[] saltBytes = salts;
        Parallel.forRange(n, 256, (from, to) -> {
            int saltLen = saltBytes == null ? 0 : TensorProtocol.SALT_BYTES;
            for (int j = from; j < to; j++) {
                MerkleHash.leafColumnInto(saltBytes, j * saltLen, saltLen, encoded, j, leaves, j * Digest.LENGTH);
            }
        });
        MerkleTree tree = MerkleTree.fromLeafHashes(leaves);
        return new TensorProverData(layout, copies, padding, masks, salts, encoded, tree, reusable);
    }

    public TensorOpeningProof open(TensorProverData data, List<EvalClaim> claims, Transcript transcript) {
        return openJoint(List.of(data), claims, transcript);
    }

    /**
     * A joint opening of several commitments with the same parameters, width and code (e.g. the input
     * commitments of every request of a batch, or the weights with a fresh masks-only commitment): their
     * matrices are stacked ({@link TensorLayout#joint}) and opened with one proximity row, one evaluation row
     * per point and one set of column queries, so the soundness error is that of a single opening. Claim
     * polynomial indices refer to the joint layout. The opened "column" at a position is the concatenation
     * of that column of every matrix; the siblings are every tree's multiproof in turn.
     *
     * <p>A hiding commitment can be opened once ({@link TensorProverData}); a second opening is refused.
     */
    public TensorOpeningProof openJoint(List<TensorProverData> data, List<EvalClaim> claims, Transcript transcript) {
        for (TensorProverData d : data) {
            if (!d.layout().params().equals(params)) {
                throw new IllegalArgumentException("commitment made with other parameters: " + d.layout().params());
            }
        }
        TensorLayout layout = TensorLayout.joint(data.stream().map(TensorProverData::layout).toList());
        TensorProtocol.validateClaims(layout, claims);
        if (params.hiding()) {
            // every opening needs masks nobody has seen: from fresh commitments only (a reusable one's own masks
            // were spent by its first opening)
            boolean fresh = false;
            for (TensorProverData d : data) {
                boolean first = d.markOpened();
                if (!first && !d.reusable()) {
                    throw new IllegalStateException("a hiding commitment is opened once; its masks are spent (commitment "
                            + d.commitment().root().toHex() + ")");
                }
                fresh |= first && !d.reusable();
            }
            if (!fresh) {
                throw new IllegalStateException("a joint opening of reusable commitments needs a fresh commitment (commitMasks) for its masks");
            }
        }
        List<Digest> roots = data.stream().map(d -> d.commitment().root()).toList();
        TensorProtocol.absorbStatement(transcript, layout, roots, claims);
        ClaimGroups groups = ClaimGroups.of(claims);
        Ext2 maskValue = Ext2.ZERO;
        if (params.hiding()) {
            EvalClaim first = claims.get(groups.members().getFirst().getFirst());
            long[][] tv = TensorProtocol.claimVectors(layout, first);
            long[][] a = new long[data.size()][];
            long[][] b = new long[data.size()][];
            for (int i = 0; i < data.size(); i++) {
                a[i] = data.get(i).masks()[TensorLayout.EVAL_MASK];
                b[i] = data.get(i).masks()[TensorLayout.EVAL_MASK + 1];
            }
            maskValue = TensorProtocol.maskValue(a, b, tv[2], tv[3]);
            TensorProtocol.absorbMaskValue(transcript, maskValue);
        }
        TensorProtocol.Challenges ch = TensorProtocol.challenges(transcript, layout, claims);

        long[][] prox = TensorProtocol.proximityCoefficients(layout, ch.gamma());
        ExtVector proximityRow = combineRows(layout, data, prox[0], prox[1]);
        List<ExtVector> evalRows = new ArrayList<>(groups.size());
        for (List<Integer> members : groups.members()) {
            TensorProtocol.GroupVectors gv = TensorProtocol.groupVectors(layout, claims, members, ch);
            evalRows.add(combineRows(layout, data, gv.coefRe(), gv.coefIm()));
        }

        int[] positions = TensorProtocol.absorbRowsAndQuery(transcript, layout, proximityRow, evalRows);
        OpenedColumns opened = openColumns(layout, data, positions);
        return new TensorOpeningProof(maskValue, proximityRow, evalRows, opened.columns(), opened.salts(), opened.siblings(), params.hiding());
    }

    /** Trees of a joint opening below which its columns are read on the calling thread. */
    private static final int PARALLEL_TREES = 16;

    /**
     * The opened columns of a joint matrix at the queried positions, with their salts (hiding) and every tree's
     * multiproof. Read tree by tree and row by row (each row once, at ascending positions), in parallel over the
     * trees of a large joint opening (a batch's C_x: one tree per request).
     */
    static OpenedColumns openColumns(TensorLayout layout, List<TensorProverData> data, int[] positions) {
        int q = positions.length;
        int trees = data.size();
        long[][] cols = new long[q][layout.totalRows()];
        boolean hiding = layout.params().hiding();
        byte[] s = hiding ? new byte[q * trees * TensorProtocol.SALT_BYTES] : null;
        // every tree of a joint layout has the same depth, so the same number of siblings at these positions:
        // each tree writes its multiproof into its own stretch of one array
        int siblingBytes = MerkleMultiproof.siblingCount(positions, data.getFirst().tree().depth()) * Digest.LENGTH;
        byte[] siblings = new byte[trees * siblingBytes];
        Parallel.forRange(trees, PARALLEL_TREES - 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                TensorProverData d = data.get(i);
                long[][] enc = d.encoded();
                int base = layout.treeRowOffset(i);
                for (int r = 0; r < enc.length; r++) {
                    long[] row = enc[r];
                    for (int x = 0; x < q; x++) {
                        cols[x][base + r] = row[positions[x]];
                    }
                }
                if (s != null) {
                    byte[] own = d.salts();
                    for (int x = 0; x < q; x++) {
                        System.arraycopy(own, positions[x] * TensorProtocol.SALT_BYTES, s,
                                (x * trees + i) * TensorProtocol.SALT_BYTES, TensorProtocol.SALT_BYTES);
                    }
                }
                d.tree().multiproofInto(positions, siblings, i * siblingBytes);
            }
        });
        List<BaseVector> columns = new ArrayList<>(q);
        for (long[] c : cols) {
            columns.add(BaseVector.ownedBy(c));
        }
        return new OpenedColumns(columns, s == null ? Salts.NONE : new Salts(s), Digests.ownedBy(siblings));
    }

    static ExtVector combineRows(TensorProverData data, long[] coefRe, long[] coefIm) {
        return combineRows(data.layout(), List.of(data), coefRe, coefIm);
    }

    /**
     * Σ_r coef_r · message_r over every committed row of every tree (K = cols + padding entries: the data,
     * short polynomials read as zero-padded, then the padding; mask rows whole), in parallel by column over all
     * K entries (the padding and mask part of a hiding opening is most of the work). Each entry is a dot product
     * of a column with the coefficients, summed as 192-bit integers and reduced once (coefficients and entries
     * are canonical, so each product is below 2^128).
     */
    static ExtVector combineRows(TensorLayout layout, List<TensorProverData> data, long[] coefRe, long[] coefIm) {
        int cols = layout.cols();
        int k = layout.messageLength();
        // the rows with a non-zero coefficient, as sources: entry c of a row is src[c + shift] for c < end, else 0;
        // "left" rows cover the data columns [0, cols), "right" rows the padding columns [cols, K)
        RowSources left = new RowSources();
        RowSources right = new RowSources();
        for (int i = 0; i < data.size(); i++) {
            TensorProverData d = data.get(i);
            TensorLayout own = d.layout();
            int base = layout.treeRowOffset(i);
            int[] owner = rowOwners(own);
            long[][] polys = d.polys();
            int dataRows = own.treeDataRows(0);
            for (int r = 0; r < dataRows; r++) {
                long c0 = coefRe[base + r];
                long c1 = coefIm[base + r];
                int p = owner[r];
                long[] src = polys[p];
                int at = (r - own.rowOffset(p)) * cols;
                left.add(src, at, Math.min(cols, src.length - at), c0, c1);
                if (d.padding() != null) {
                    right.add(d.padding()[r], -cols, k, c0, c1);
                }
            }
            if (d.masks() != null) {
                for (int m = 0; m < TensorLayout.MASK_ROWS; m++) {
                    left.add(d.masks()[m], 0, k, coefRe[base + dataRows + m], coefIm[base + dataRows + m]);
                    right.add(d.masks()[m], 0, k, coefRe[base + dataRows + m], coefIm[base + dataRows + m]);
                }
            }
        }
        long[] re = new long[k];
        long[] im = new long[k];
        // a column's cost is the number of rows it sums: a joint opening of many trees splits fewer columns
        int grain = Math.min(1 << 10, Math.max(16, (1 << 15) / Math.max(1, left.n + right.n)));
        Parallel.forRange(k, grain, (from, to) -> {
            left.dotColumns(from, Math.min(to, cols), re, im);
            right.dotColumns(Math.max(from, cols), to, re, im);
        });
        return ExtVector.ownedBy(re, im);
    }

    /** Rows of a linear combination, each with its coefficient c0 + c1·X: entry c is src[c + shift] for c < end, else 0. */
    private static final class RowSources {
        private long[][] rows = new long[8][];
        private int[] shift = new int[8];
        private int[] end = new int[8];
        private long[] c0 = new long[8];
        private long[] c1 = new long[8];
        private int n;

        void add(long[] row, int rowShift, int rowEnd, long coef0, long coef1) {
            if ((coef0 | coef1) == 0 || rowEnd <= 0) {
                return;
            }
            if (n == end.length) {
                rows = java.util.Arrays.copyOf(rows, 2 * n);
                shift = java.util.Arrays.copyOf(shift, 2 * n);
                end = java.util.Arrays.copyOf(end, 2 * n);
                c0 = java.util.Arrays.copyOf(c0, 2 * n);
                c1 = java.util.Arrays.copyOf(c1, 2 * n);
            }
            rows[n] = row;
            shift[n] = rowShift;
            end[n] = rowEnd;
            c0[n] = coef0;
            c1[n] = coef1;
            n++;
        }

        /** re[c], im[c] = Σ_rows entry·coefficient for c in [from, to) (nothing when the range is empty). */
        void dotColumns(int from, int to, long[] re, long[] im) {
            if (from >= to) {
                return;
            }
            for (int c = from; c < to; c++) {
                long rl = 0;
                long rh = 0;
                long rt = 0;
                long il = 0;
                long ih = 0;
                long it = 0;
                for (int j = 0; j < n; j++) {
                    if (c >= end[j]) {
                        continue;
                    }
                    long v = rows[j][c + shift[j]];
                    // carries without branches (they are random): carry-out of s = a + b is the top bit of
                    // (a & b) | ((a | b) & ~s)
                    long pl = v * c0[j];
                    long s0 = rl + pl;
                    long ph = Math.unsignedMultiplyHigh(v, c0[j]) + (((rl & pl) | ((rl | pl) & ~s0)) >>> 63);
                    long s1 = rh + ph;
                    rt += ((rh & ph) | ((rh | ph) & ~s1)) >>> 63;
                    rl = s0;
                    rh = s1;
                    pl = v * c1[j];
                    s0 = il + pl;
                    ph = Math.unsignedMultiplyHigh(v, c1[j]) + (((il & pl) | ((il | pl) & ~s0)) >>> 63);
                    s1 = ih + ph;
                    it += ((ih & ph) | ((ih | ph) & ~s1)) >>> 63;
                    il = s0;
                    ih = s1;
                }
                re[c] = reduce192(rl, rh, rt);
                im[c] = reduce192(il, ih, it);
            }
        }
    }

    /** The polynomial owning each data row of a single-tree layout. */
    private static int[] rowOwners(TensorLayout layout) {
        int[] owner = new int[layout.treeDataRows(0)];
        for (int p = 0; p < layout.numPolys(); p++) {
            for (int r = 0; r < layout.rowCount(p); r++) {
                owner[layout.rowOffset(p) + r] = p;
            }
        }
        return owner;
    }
}
