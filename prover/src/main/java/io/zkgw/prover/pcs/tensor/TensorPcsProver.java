package io.zkgw.prover.pcs.tensor;

import static io.zkgw.prover.field.Goldilocks.add;
import static io.zkgw.prover.field.Goldilocks.mul;

import io.zkgw.prover.field.BaseVector;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.FieldVec;
import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.merkle.MerkleHash;
import io.zkgw.prover.merkle.MerkleTree;
import io.zkgw.prover.ntt.ReedSolomon;
import io.zkgw.prover.parallel.Parallel;
import io.zkgw.prover.pcs.EvalClaim;
import io.zkgw.prover.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Prover of the tensor PCS: commit (encode every row with the Reed–Solomon code, hash the columns into
 * a Merkle tree) and open (send row combinations, then the queried columns with a multiproof). Rows are
 * encoded and columns hashed in parallel on the common fork-join pool.
 */
public final class TensorPcsProver {
    private final TensorPcsParams params;

    public TensorPcsProver(TensorPcsParams params) {
        this.params = params;
    }

    public TensorPcsParams params() {
        return params;
    }

    public TensorProverData commit(List<long[]> polys) {
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
        TensorLayout layout = TensorLayout.of(params, sizes);
        ReedSolomon code = new ReedSolomon(layout.logCols(), params.logInvRate());
        int rows = layout.totalRows();
        int cols = layout.cols();
        long[][] encoded = new long[rows][];
        int[] rowPoly = rowOwners(layout);
        IntStream.range(0, rows).parallel().forEach(r -> {
            int p = rowPoly[r];
            long[] src = copies[p];
            int local = r - layout.rowOffset(p);
            if (src.length >= cols) {
                encoded[r] = code.encode(src, local * cols);
            } else {
                long[] padded = new long[cols];
                System.arraycopy(src, 0, padded, 0, src.length);
                encoded[r] = code.encode(padded, 0);
            }
        });
        int n = layout.blockLength();
        byte[] leaves = new byte[n * Digest.LENGTH];
        Parallel.forRange(n, 256, (from, to) -> {
            for (int j = from; j < to; j++) {
                byte[] h = MerkleHash.leafColumn(TensorProtocol.NO_SALT, encoded, j);
                System.arraycopy(h, 0, leaves, j * Digest.LENGTH, Digest.LENGTH);
            }
        });
        MerkleTree tree = MerkleTree.fromLeafHashes(leaves);
        return new TensorProverData(layout, copies, encoded, tree);
    }

    public TensorOpeningProof open(TensorProverData data, List<EvalClaim> claims, Transcript transcript) {
        return openJoint(List.of(data), claims, transcript);
    }

    /**
     * A joint opening of several commitments with the same layout (e.g. the input commitments of every
     * request of a batch): their matrices are stacked ({@link TensorLayout#stacked}) and opened with one
     * proximity row, one evaluation row per point and one set of column queries, so the soundness error is
     * that of a single opening. Claim polynomial indices refer to the stacked layout
     * (commitment i, polynomial p ↦ i·numPolys + p). The opened "column" at a position is the
     * concatenation of that column of every matrix; the siblings are every tree's multiproof in turn.
     */
    public TensorOpeningProof openJoint(List<TensorProverData> data, List<EvalClaim> claims, Transcript transcript) {
        TensorLayout base = data.getFirst().layout();
        for (TensorProverData d : data) {
            if (!d.layout().numVars().equals(base.numVars()) || !d.layout().params().equals(params)) {
                throw new IllegalArgumentException("a joint opening needs commitments with the same layout and parameters");
            }
        }
        TensorLayout layout = base.stacked(data.size());
        TensorProtocol.validateClaims(layout, claims);
        List<Digest> roots = data.stream().map(d -> d.commitment().root()).toList();
        TensorProtocol.Challenges ch = TensorProtocol.absorbStatement(transcript, layout, roots, claims);

        long[][] polys = new long[layout.numPolys()][];
        long[][] enc = new long[layout.totalRows()][];
        for (int i = 0; i < data.size(); i++) {
            System.arraycopy(data.get(i).polys(), 0, polys, i * base.numPolys(), base.numPolys());
            System.arraycopy(data.get(i).encoded(), 0, enc, i * base.totalRows(), base.totalRows());
        }
        ExtVector proximityRow = combineRows(layout, polys, ch.gamma().reCopy(), ch.gamma().imCopy());
        ClaimGroups groups = ClaimGroups.of(claims);
        List<ExtVector> evalRows = new ArrayList<>(groups.size());
        for (List<Integer> members : groups.members()) {
            TensorProtocol.GroupVectors gv = TensorProtocol.groupVectors(layout, claims, members, ch.beta());
            evalRows.add(combineRows(layout, polys, gv.coefRe(), gv.coefIm()));
        }

        int[] positions = TensorProtocol.absorbRowsAndQuery(transcript, layout, proximityRow, evalRows);
        List<BaseVector> columns = new ArrayList<>(positions.length);
        for (int j : positions) {
            long[] col = new long[enc.length];
            for (int r = 0; r < enc.length; r++) {
                col[r] = enc[r][j];
            }
            columns.add(BaseVector.ownedBy(col));
        }
        List<Digest> siblings = new ArrayList<>();
        for (TensorProverData d : data) {
            siblings.addAll(d.tree().multiproof(positions));
        }
        TensorProtocol.absorbOpenings(transcript, columns, siblings);
        return new TensorOpeningProof(proximityRow, evalRows, columns, siblings);
    }

    static ExtVector combineRows(TensorProverData data, long[] coefRe, long[] coefIm) {
        return combineRows(data.layout(), data.polys(), coefRe, coefIm);
    }

    /** Σ_r coef_r · M[r] over all matrix rows (short polynomials read as zero-padded), in parallel by column. */
    static ExtVector combineRows(TensorLayout layout, long[][] polys, long[] coefRe, long[] coefIm) {
        int cols = layout.cols();
        int[] owner = rowOwners(layout);
        long[] re = new long[cols];
        long[] im = new long[cols];
        Parallel.forRange(cols, 1 << 10, (from, to) -> {
            for (int r = 0; r < coefRe.length; r++) {
                long c0 = coefRe[r];
                long c1 = coefIm[r];
                if ((c0 | c1) == 0) {
                    continue;
                }
                int p = owner[r];
                long[] src = polys[p];
                int base = (r - layout.rowOffset(p)) * cols;
                int end = Math.min(to, src.length - base);
                for (int c = from; c < end; c++) {
                    long v = src[base + c];
                    re[c] = add(re[c], mul(v, c0));
                    im[c] = add(im[c], mul(v, c1));
                }
            }
        });
        return ExtVector.ownedBy(re, im);
    }

    private static int[] rowOwners(TensorLayout layout) {
        int[] owner = new int[layout.totalRows()];
        for (int p = 0; p < layout.numPolys(); p++) {
            for (int r = 0; r < layout.rowCount(p); r++) {
                owner[layout.rowOffset(p) + r] = p;
            }
        }
        return owner;
    }
}
