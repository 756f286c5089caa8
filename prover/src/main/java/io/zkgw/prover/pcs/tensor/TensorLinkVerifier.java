package io.zkgw.prover.pcs.tensor;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.codec.ByteReader;
import io.zkgw.prover.field.BaseVector;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a {@link TensorLink}: verifier-grade code only (field, NTT, SHA-256, transcript), usable by the
 * ledger. Checks, in this order: the proof's shape (sizes derived from the public layout and the verifier's own
 * query positions, trailing bytes refused); the Merkle paths of the opened columns of both commitments and
 * the masks; the proximity row against the columns; each difference row zero on its group's compared
 * columns and consistent with the columns.
 */
public final class TensorLinkVerifier {
    private final TensorPcsParams params;

    public TensorLinkVerifier(TensorPcsParams params) {
        if (!params.hiding()) {
            throw new IllegalArgumentException("a link is between hiding commitments");
        }
        this.params = params;
    }

    /** Accepts or throws: {@code a} and {@code b}, both with {@code layout} (public), agree outside {@code free}. */
    public void verify(TensorCommitment a, TensorCommitment b, TensorLayout layout, TensorLink.FreeRegion free, byte[] proof, Transcript t)
            throws VerificationException {
        if (!layout.params().equals(params)) {
            throw new IllegalArgumentException("layout with other parameters: " + layout.params());
        }
        List<TensorLink.Group> groups;
        try {
            groups = TensorLink.groups(layout, free);
        } catch (IllegalArgumentException e) {
            throw new VerificationException("tensor link: " + e.getMessage(), e);
        }
        TensorLayout joint = TensorLink.jointLayout(layout, groups.size());
        int k = joint.messageLength();
        ByteReader r = new ByteReader(proof, "tensor link proof");
        r.expectVersion(TensorLink.VERSION);
        Digest masksRoot = r.digest("masks root");
        ExtVector proximityRow = r.extVector(k, "proximity row");
        List<ExtVector> diffRows = new ArrayList<>(groups.size());
        for (int g = 0; g < groups.size(); g++) {
            diffRows.add(r.extVector(k, "difference row " + g));
        }
        List<TensorCommitment> trees = List.of(a, b, new TensorCommitment(masksRoot));
        TensorLink.Challenges ch = TensorLink.challenges(t, joint, trees.stream().map(TensorCommitment::root).toList(), free);
        int[] positions = TensorProtocol.absorbRowsAndQuery(t, joint, proximityRow, diffRows);
        OpenedColumns opened = OpenedColumns.read(r, joint, positions, true);
        List<BaseVector> columns = opened.columns();

        TensorPcsVerifier.checkColumnPaths(joint, trees, positions, columns, opened.salts(), opened.siblings(), true);
        long[][] prox = TensorProtocol.proximityCoefficients(joint, ch.gamma());
        List<TensorPcsVerifier.RowCheck> rows = new ArrayList<>(1 + groups.size());
        rows.add(new TensorPcsVerifier.RowCheck(proximityRow, prox[0], prox[1], "link proximity row"));
        int cols = joint.cols();
        for (int g = 0; g < groups.size(); g++) {
            TensorLink.Group grp = groups.get(g);
            ExtVector u = diffRows.get(g);
            for (int c = 0; c < cols; c++) {
                if ((c < grp.freeFrom() || c >= grp.freeTo()) && !u.get(c).isZero()) {
                    throw new VerificationException("tensor link: the commitments differ (difference row " + g + " is not zero at column " + c + ")");
                }
            }
            long[][] coef = TensorLink.groupCoefficients(joint, grp, g, ch.rho());
            rows.add(new TensorPcsVerifier.RowCheck(u, coef[0], coef[1], "link difference row " + g));
        }
        TensorPcsVerifier.checkRowsAgainstColumns(joint.code(), rows, positions, columns, t);
    }
}
