package io.zkgw.prover.pcs.tensor;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.transcript.Transcript;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A <b>link</b> between two hiding commitments with the same layout: a proof that their data agree
 * everywhere except in one public region (for two epochs of a model's C_W: the same weights, with fresh
 * blinding slots), that reveals nothing about the data (docs/proof-system.md §10.6).
 *
 * <p>The data rows are grouped by the columns the free region occupies in them: a group of rows with no
 * free column, and one group per row that the region covers only in part; rows the region covers whole
 * are not compared. For each group g the prover sends
 * {@code u_g = Σ_{r∈g} ρ_r·(A_r − B_r) + E_g} (K entries), where E_g = E_g,a + X·E_g,b is a fresh mask whose
 * data part is zero outside the group's free columns and uniform inside them and in the padding; the
 * verifier checks that u_g's data part is zero outside the free columns and that u_g is consistent with the
 * opened columns of both commitments and the masks. The fresh masks are a hiding commitment of their own
 * (2 data rows per group, same parameters and width), opened jointly; one proximity row covers all three
 * trees. The link counts as one opening of each commitment's budget.
 *
 * <p>Protocol constants (a change is a version bump): labels below, {@link #VERSION}.
 */
public final class TensorLink {
    /** Wire version of a link proof: 2 opens t = 180 columns ({@link TensorPcsParams#HIDING}); 1 opened 280. */
    public static final int VERSION = 2;
    static final String REGION = "pcs/tensor/link-free";
    static final String ROWS = "pcs/tensor/link-rows";

    private TensorLink() {}

    /**
     * Entries [from, to) of polynomial {@code poly} (of a single-tree layout) that the two commitments may hold
     * differently.
     */
    public record FreeRegion(int poly, int from, int to) {
        public FreeRegion {
            if (poly < 0 || from < 0 || to < from) {
                throw new IllegalArgumentException("free region " + poly + ":[" + from + ", " + to + ")");
            }
        }
    }

    /** Rows of one group and the free columns [freeFrom, freeTo) they share (empty for the fully compared rows). */
    record Group(int[] rows, int freeFrom, int freeTo) {}

    /** The groups of a single-tree layout's data rows under a free region, fully compared rows first. */
    static List<Group> groups(TensorLayout layout, FreeRegion free) {
        if (layout.treeCount() != 1) {
            throw new IllegalArgumentException("a link compares two single commitments");
        }
        if (free.poly() >= layout.numPolys() || free.to() > (1L << layout.numVars().get(free.poly()))) {
            throw new IllegalArgumentException("free region " + free + " outside the layout");
        }
        int cols = layout.cols();
        Map<Long, List<Integer>> byColumns = new LinkedHashMap<>();
        byColumns.put(0L, new ArrayList<>());
        for (int p = 0; p < layout.numPolys(); p++) {
            for (int l = 0; l < layout.rowCount(p); l++) {
                int row = layout.rowOffset(p) + l;
                int from = 0;
                int to = 0;
                if (p == free.poly()) {
                    long start = (long) l * cols;
                    from = (int) Math.max(0, Math.min(cols, free.from() - start));
                    to = (int) Math.max(0, Math.min(cols, free.to() - start));
                    if (from >= to) {
                        from = 0;
                        to = 0;
                    }
                }
                if (from == 0 && to == cols) {
                    continue; // wholly free: nothing to compare
                }
                byColumns.computeIfAbsent(((long) from << 32) | to, key -> new ArrayList<>()).add(row);
            }
        }
        List<Group> out = new ArrayList<>();
        for (Map.Entry<Long, List<Integer>> e : byColumns.entrySet()) {
            if (!e.getValue().isEmpty()) {
                out.add(new Group(e.getValue().stream().mapToInt(Integer::intValue).toArray(), (int) (e.getKey() >>> 32),
                        (int) (long) e.getKey()));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("free region " + free + " leaves nothing to compare");
        }
        return Collections.unmodifiableList(out);
    }

    /** The fresh masks' layout: two rows (a, b) per group, one row each, at the compared layout's width. */
    static TensorLayout masksLayout(TensorLayout layout, int groups) {
        return TensorLayout.ofWidth(layout.params(), Collections.nCopies(2 * groups, layout.logCols()), layout.logCols());
    }

    /** The joint layout of a link: the two compared commitments, then the masks. */
    static TensorLayout jointLayout(TensorLayout layout, int groups) {
        return TensorLayout.joint(List.of(layout, layout, masksLayout(layout, groups)));
    }

    /** γ over every row of the joint matrix (the proximity row), ρ over the compared commitments' data rows. */
    record Challenges(ExtVector gamma, ExtVector rho) {}

    /** Absorbs the shape, the three roots and the free region; squeezes γ (all rows) and ρ (tree 0's data rows). */
    static Challenges challenges(Transcript t, TensorLayout joint, List<Digest> roots, FreeRegion free) {
        TensorProtocol.absorbStatement(t, joint, roots, List.of());
        t.absorbFields(REGION, new long[] {free.poly(), free.from(), free.to()});
        ExtVector gamma = t.challengeExts(TensorPcsLabels.PROXIMITY, joint.totalRows());
        return new Challenges(gamma, t.challengeExts(ROWS, joint.treeDataRows(0)));
    }

    /** Group g's row coefficients over the joint matrix: ρ_r on A's row r, −ρ_r on B's, (1, X) on its mask pair. */
    static long[][] groupCoefficients(TensorLayout joint, Group group, int g, ExtVector rho) {
        long[] re = new long[joint.totalRows()];
        long[] im = new long[joint.totalRows()];
        int b = joint.treeRowOffset(1);
        for (int r : group.rows()) {
            Ext2 c = rho.get(r);
            Ext2 neg = Ext2.ZERO.sub(c);
            re[r] = c.c0();
            im[r] = c.c1();
            re[b + r] = neg.c0();
            im[b + r] = neg.c1();
        }
        int m = joint.treeRowOffset(2) + 2 * g;
        re[m] = 1;
        im[m + 1] = 1; // X = (0, 1)
        return new long[][] {re, im};
    }
}
