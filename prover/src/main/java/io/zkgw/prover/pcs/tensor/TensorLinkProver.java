package io.zkgw.prover.pcs.tensor;

import io.zkgw.prover.field.BaseVector;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.hash.Prg;
import io.zkgw.prover.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;

/** Proves a {@link TensorLink} between two commitments of this prover's parameters. */
public final class TensorLinkProver {
    private final TensorPcsProver pcs;

    public TensorLinkProver(TensorPcsParams params) {
        if (!params.hiding()) {
            throw new IllegalArgumentException("a link is between hiding commitments");
        }
        this.pcs = new TensorPcsProver(params);
    }

    /**
     * Proves that {@code a} and {@code b} (same layout, reusable hiding commitments) hold the same data outside
     * {@code free}; the masks are drawn from {@code blinding} (a fresh secret: a second link with the same masks
     * would reveal a combination of the rows). A false link (the data differ where compared) yields a proof the
     * verifier rejects.
     */
    public TensorLinkProof prove(TensorProverData a, TensorProverData b, TensorLink.FreeRegion free, Prg blinding, Transcript t) {
        TensorLayout layout = a.layout();
        if (!layout.params().equals(pcs.params()) || !b.layout().params().equals(pcs.params())) {
            throw new IllegalArgumentException("commitments made with other parameters");
        }
        if (!layout.numVars().equals(b.layout().numVars()) || layout.logCols() != b.layout().logCols() || layout.treeCount() != 1) {
            throw new IllegalArgumentException("a link needs two single commitments with the same layout");
        }
        if (!a.reusable() || !b.reusable()) {
            throw new IllegalArgumentException("only reusable commitments (opened jointly with fresh masks) can be linked");
        }
        List<TensorLink.Group> groups = TensorLink.groups(layout, free);
        TensorLayout masksLayout = TensorLink.masksLayout(layout, groups.size());
        int cols = layout.cols();
        long[][] maskPolys = new long[2 * groups.size()][];
        for (int g = 0; g < groups.size(); g++) {
            TensorLink.Group grp = groups.get(g);
            for (int h = 0; h < 2; h++) {
                long[] row = new long[cols];
                for (int c = grp.freeFrom(); c < grp.freeTo(); c++) {
                    row[c] = blinding.nextField();
                }
                maskPolys[2 * g + h] = row;
            }
        }
        TensorProverData masks = pcs.commitWithLayout(masksLayout, maskPolys, blinding);
        a.markOpened();
        b.markOpened();
        masks.markOpened();
        List<TensorProverData> data = List.of(a, b, masks);
        TensorLayout joint = TensorLink.jointLayout(layout, groups.size());
        List<Digest> roots = data.stream().map(d -> d.commitment().root()).toList();
        TensorLink.Challenges ch = TensorLink.challenges(t, joint, roots, free);
        long[][] prox = TensorProtocol.proximityCoefficients(joint, ch.gamma());
        ExtVector proximityRow = TensorPcsProver.combineRows(joint, data, prox[0], prox[1]);
        List<ExtVector> diffRows = new ArrayList<>(groups.size());
        for (int g = 0; g < groups.size(); g++) {
            long[][] coef = TensorLink.groupCoefficients(joint, groups.get(g), g, ch.rho());
            diffRows.add(TensorPcsProver.combineRows(joint, data, coef[0], coef[1]));
        }
        int[] positions = TensorProtocol.absorbRowsAndQuery(t, joint, proximityRow, diffRows);
        OpenedColumns opened = TensorPcsProver.openColumns(joint, data, positions);
        return new TensorLinkProof(masks.commitment().root(), proximityRow, diffRows, opened.columns(), opened.salts(), opened.siblings());
    }
}
