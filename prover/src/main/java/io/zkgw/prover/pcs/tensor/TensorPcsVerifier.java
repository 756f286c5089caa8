package io.zkgw.prover.pcs.tensor;

import static io.zkgw.prover.field.Goldilocks.add;
import static io.zkgw.prover.field.Goldilocks.mul;

import io.zkgw.prover.VerificationException;
import io.zkgw.prover.codec.ByteReader;
import io.zkgw.prover.codec.DecodingException;
import io.zkgw.prover.field.BaseVector;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVec;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.merkle.MerkleHash;
import io.zkgw.prover.merkle.MerkleMultiproof;
import io.zkgw.prover.ntt.ReedSolomon;
import io.zkgw.prover.pcs.EvalClaim;
import io.zkgw.prover.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifier of the tensor PCS. Depends on field arithmetic, the NTT (to re-encode the rows it receives),
 * SHA-256 and the transcript only; usable by a ledger application without any prover code.
 *
 * <p>Checks, in this order: proof shape against the layout; Merkle multiproof of the opened columns
 * against the commitment; per claim group Σ β_c v_c = ⟨u_g, b_g⟩; at every queried position j,
 * Enc(u_0)[j] = Σ_r γ_r C[r][j] (proximity) and Enc(u_g)[j] = Σ_r coef_{g,r} C[r][j] (consistency).
 */
public final class TensorPcsVerifier {
    private final TensorPcsParams params;

    public TensorPcsVerifier(TensorPcsParams params) {
        this.params = params;
    }

    public TensorPcsParams params() {
        return params;
    }

    public void verify(TensorCommitment commitment, List<Integer> numVars, List<EvalClaim> claims, TensorOpeningProof proof,
            Transcript transcript) throws VerificationException {
        verifyJoint(List.of(commitment), numVars, claims, proof, transcript);
    }

    /**
     * Verifies a joint opening ({@link TensorPcsProver#openJoint}) of commitments that all have the layout
     * given by numVars; claim polynomial indices refer to the stacked layout.
     */
    public void verifyJoint(List<TensorCommitment> commitments, List<Integer> numVars, List<EvalClaim> claims,
            TensorOpeningProof proof, Transcript transcript) throws VerificationException {
        TensorLayout layout = jointLayout(commitments, numVars);
        checkClaims(layout, claims);
        ClaimGroups groups = ClaimGroups.of(claims);
        int cols = layout.cols();
        if (proof.proximityRow().size() != cols) {
            throw new VerificationException("tensor PCS: proximity row has " + proof.proximityRow().size() + " entries, expected " + cols);
        }
        if (proof.evalRows().size() != groups.size()) {
            throw new VerificationException("tensor PCS: " + proof.evalRows().size() + " evaluation rows, expected " + groups.size());
        }
        for (ExtVector r : proof.evalRows()) {
            if (r.size() != cols) {
                throw new VerificationException("tensor PCS: evaluation row has " + r.size() + " entries, expected " + cols);
            }
        }
        TensorProtocol.Challenges ch = TensorProtocol.absorbStatement(transcript, layout, roots(commitments), claims);
        int[] positions = TensorProtocol.absorbRowsAndQuery(transcript, layout, proof.proximityRow(), proof.evalRows());
        int rows = layout.totalRows();
        if (proof.columns().size() != positions.length) {
            throw new VerificationException("tensor PCS: " + proof.columns().size() + " opened columns, expected " + positions.length);
        }
        for (BaseVector c : proof.columns()) {
            if (c.size() != rows) {
                throw new VerificationException("tensor PCS: opened column has " + c.size() + " entries, expected " + rows);
            }
        }
        int expectedSiblings = commitments.size() * MerkleMultiproof.siblingCount(positions, layout.logBlockLength());
        if (proof.siblings().size() != expectedSiblings) {
            throw new VerificationException("tensor PCS: " + proof.siblings().size() + " Merkle siblings, expected " + expectedSiblings);
        }
        checkOpenings(layout, commitments, claims, groups, ch, positions, proof, transcript);
    }

    /**
     * Decodes and verifies in one pass over the bytes: the rows are read and absorbed, the query
     * positions squeezed from the caller's transcript, and then exactly the derived number of columns
     * and siblings is read. Same checks and transcript effect as decode + {@link #verify}. After a
     * rejection the transcript is in an unspecified state.
     */
    public void verifyEncoded(TensorCommitment commitment, List<Integer> numVars, List<EvalClaim> claims, byte[] proof,
            Transcript transcript) throws VerificationException {
        verifyEncodedJoint(List.of(commitment), numVars, claims, proof, transcript);
    }

    /** {@link #verifyEncoded} for a joint opening of commitments with the layout given by numVars. */
    public void verifyEncodedJoint(List<TensorCommitment> commitments, List<Integer> numVars, List<EvalClaim> claims, byte[] proof,
            Transcript transcript) throws VerificationException {
        TensorLayout layout = jointLayout(commitments, numVars);
        checkClaims(layout, claims);
        ClaimGroups groups = ClaimGroups.of(claims);
        ByteReader r = new ByteReader(proof, "tensor PCS opening proof");
        r.expectVersion(TensorOpeningProof.VERSION);
        ExtVector proximityRow = r.extVector(layout.cols(), "proximity row");
        List<ExtVector> evalRows = new ArrayList<>(groups.size());
        for (int g = 0; g < groups.size(); g++) {
            evalRows.add(r.extVector(layout.cols(), "evaluation row " + g));
        }
        TensorProtocol.Challenges ch = TensorProtocol.absorbStatement(transcript, layout, roots(commitments), claims);
        int[] positions = TensorProtocol.absorbRowsAndQuery(transcript, layout, proximityRow, evalRows);
        TensorOpeningProof decoded = readOpenings(r, layout, commitments.size(), positions, proximityRow, evalRows);
        checkOpenings(layout, commitments, claims, groups, ch, positions, decoded, transcript);
    }

    private TensorLayout jointLayout(List<TensorCommitment> commitments, List<Integer> numVars) {
        if (commitments.isEmpty()) {
            throw new IllegalArgumentException("no commitments to open");
        }
        return TensorLayout.of(params, numVars).stacked(commitments.size());
    }

    private static List<Digest> roots(List<TensorCommitment> commitments) {
        return commitments.stream().map(TensorCommitment::root).toList();
    }

    /** Steps after the query positions are known; the proof's shape has been checked. */
    private void checkOpenings(TensorLayout layout, List<TensorCommitment> commitments, List<EvalClaim> claims, ClaimGroups groups,
            TensorProtocol.Challenges ch, int[] positions, TensorOpeningProof proof, Transcript transcript)
            throws VerificationException {
        int cols = layout.cols();
        int depth = layout.logBlockLength();
        TensorProtocol.absorbOpenings(transcript, proof.columns(), proof.siblings());

        // Columns belong to the committed matrices: commitment i owns rows [i·R, (i+1)·R) of every opened column.
        int m = commitments.size();
        int rowsEach = layout.totalRows() / m;
        int siblingsEach = proof.siblings().size() / m;
        for (int i = 0; i < m; i++) {
            byte[][] leafHashes = new byte[positions.length][];
            for (int q = 0; q < positions.length; q++) {
                long[] col = proof.columns().get(q).toArray();
                leafHashes[q] = MerkleHash.leafStrided(TensorProtocol.NO_SALT, col, i * rowsEach, 1, rowsEach);
            }
            byte[] root = MerkleMultiproof.computeRoot(positions, leafHashes,
                    proof.siblings().subList(i * siblingsEach, (i + 1) * siblingsEach), depth);
            if (!Digest.of(root).equals(commitments.get(i).root())) {
                throw new VerificationException("tensor PCS: opened columns do not match the commitment"
                        + (m > 1 ? " " + i + " of the joint opening" : "") + " (Merkle root mismatch)");
            }
        }

        ReedSolomon code = new ReedSolomon(layout.logCols(), params.logInvRate());
        checkRowAgainstColumns(code, proof.proximityRow(), ch.gamma().reCopy(), ch.gamma().imCopy(), positions, proof.columns(),
                "proximity row");

        for (int g = 0; g < groups.size(); g++) {
            List<Integer> members = groups.members().get(g);
            TensorProtocol.GroupVectors gv = TensorProtocol.groupVectors(layout, claims, members, ch.beta());
            ExtVector u = proof.evalRows().get(g);
            Ext2 claimed = Ext2.ZERO;
            for (int ci : members) {
                claimed = claimed.add(ch.beta().get(ci).mul(claims.get(ci).value()));
            }
            long[] ip = new long[2];
            ExtVec.innerProduct(u.reCopy(), u.imCopy(), gv.bRe(), gv.bIm(), cols, ip);
            if (!claimed.equals(new Ext2(ip[0], ip[1]))) {
                throw new VerificationException("tensor PCS: claimed value(s) at point group " + g + " do not match the evaluation row");
            }
            checkRowAgainstColumns(code, u, gv.coefRe(), gv.coefIm(), positions, proof.columns(), "evaluation row " + g);
        }
    }

    /** Reads the opened columns and siblings (sizes derived from the positions) and rejects trailing bytes. */
    private static TensorOpeningProof readOpenings(ByteReader r, TensorLayout layout, int trees, int[] positions, ExtVector proximityRow,
            List<ExtVector> evalRows) throws DecodingException {
        List<BaseVector> columns = new ArrayList<>(positions.length);
        for (int position : positions) {
            columns.add(r.baseVector(layout.totalRows(), "opened column " + position));
        }
        int s = trees * MerkleMultiproof.siblingCount(positions, layout.logBlockLength());
        List<Digest> siblings = new ArrayList<>(s);
        for (int i = 0; i < s; i++) {
            siblings.add(r.digest("Merkle sibling " + i));
        }
        r.expectEnd();
        return new TensorOpeningProof(proximityRow, evalRows, columns, siblings);
    }

    /** Enc(row)[j] must equal Σ_r coef_r · column_j[r] at every opened position j. */
    private static void checkRowAgainstColumns(ReedSolomon code, ExtVector row, long[] coefRe, long[] coefIm, int[] positions,
            List<BaseVector> columns, String what) throws VerificationException {
        long[] encRe = code.encode(row.reCopy(), 0);
        long[] encIm = code.encode(row.imCopy(), 0);
        for (int i = 0; i < positions.length; i++) {
            BaseVector col = columns.get(i);
            long s0 = 0;
            long s1 = 0;
            for (int r = 0; r < coefRe.length; r++) {
                long v = col.get(r);
                s0 = add(s0, mul(v, coefRe[r]));
                s1 = add(s1, mul(v, coefIm[r]));
            }
            int j = positions[i];
            if (s0 != encRe[j] || s1 != encIm[j]) {
                throw new VerificationException("tensor PCS: " + what + " is inconsistent with opened column " + j);
            }
        }
    }

    /**
     * Decodes an opening proof. Sizes that depend on the query positions are derived by replaying the
     * verifier's transcript steps on a copy of the transcript; the caller's transcript is untouched.
     */
    public TensorOpeningProof decodeProof(byte[] bytes, TensorCommitment commitment, List<Integer> numVars, List<EvalClaim> claims,
            Transcript transcript) throws VerificationException {
        TensorLayout layout = TensorLayout.of(params, numVars);
        checkClaims(layout, claims);
        int groups = ClaimGroups.of(claims).size();
        ByteReader r = new ByteReader(bytes, "tensor PCS opening proof");
        r.expectVersion(TensorOpeningProof.VERSION);
        ExtVector proximityRow = r.extVector(layout.cols(), "proximity row");
        List<ExtVector> evalRows = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            evalRows.add(r.extVector(layout.cols(), "evaluation row " + g));
        }
        Transcript replay = transcript.copy();
        TensorProtocol.absorbStatement(replay, layout, List.of(commitment.root()), claims);
        int[] positions = TensorProtocol.absorbRowsAndQuery(replay, layout, proximityRow, evalRows);
        return readOpenings(r, layout, 1, positions, proximityRow, evalRows);
    }

    private static void checkClaims(TensorLayout layout, List<EvalClaim> claims) throws VerificationException {
        try {
            TensorProtocol.validateClaims(layout, claims);
        } catch (IllegalArgumentException e) {
            throw new VerificationException("tensor PCS: invalid claim: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TensorPcsVerifier[" + params + "]";
    }
}
