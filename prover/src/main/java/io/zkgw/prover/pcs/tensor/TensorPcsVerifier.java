package io.zkgw.prover.pcs.tensor;

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
 * (with their salts when hiding) against every commitment; per claim group
 * Σ β_c v_c (+ c·Y when hiding) = ⟨u_g[0..k), b_g⟩; at every queried position j,
 * Enc(u_0)[j] = Σ_r γ_r C[r][j] (proximity) and Enc(u_g)[j] = Σ_r coef_{g,r} C[r][j] (consistency), these
 * last checks combined by a verifier challenge into one encoding ({@link #checkRowsAgainstColumns}).
 *
 * <p>The commitments' layouts come from public data: {@link #verify} and {@link #verifyEncoded} take the
 * polynomial sizes of one commitment; the joint variants take the layout of every tree.
 */
public final class TensorPcsVerifier {
    private final TensorPcsParams params;

    public TensorPcsVerifier(TensorPcsParams params) {
        this.params = params;
    }

    public TensorPcsParams params() {
        return params;
    }

    /** The layout of a commitment to polynomials with these numbers of variables (public data). */
    public TensorLayout layout(List<Integer> numVars) {
        return TensorLayout.of(params, numVars);
    }

    public void verify(TensorCommitment commitment, List<Integer> numVars, List<EvalClaim> claims, TensorOpeningProof proof,
            Transcript transcript) throws VerificationException {
        verifyJointLayouts(List.of(commitment), List.of(layout(numVars)), claims, proof, transcript);
    }

    /** Joint opening of commitments that all have the layout given by numVars. */
    public void verifyJoint(List<TensorCommitment> commitments, List<Integer> numVars, List<EvalClaim> claims,
            TensorOpeningProof proof, Transcript transcript) throws VerificationException {
        verifyJointLayouts(commitments, repeat(layout(numVars), commitments.size()), claims, proof, transcript);
    }

    /**
     * Verifies a joint opening ({@link TensorPcsProver#openJoint}) of commitments with the given (public)
     * layouts; claim polynomial indices refer to the joint layout.
     */
    public void verifyJointLayouts(List<TensorCommitment> commitments, List<TensorLayout> trees, List<EvalClaim> claims,
            TensorOpeningProof proof, Transcript transcript) throws VerificationException {
        TensorLayout layout = jointLayout(commitments, trees);
        checkClaims(layout, claims);
        ClaimGroups groups = ClaimGroups.of(claims);
        int k = layout.messageLength();
        if (proof.hiding() != params.hiding()) {
            throw new VerificationException("tensor PCS: a " + (proof.hiding() ? "" : "non-") + "hiding opening for "
                    + (params.hiding() ? "" : "non-") + "hiding parameters");
        }
        if (proof.proximityRow().size() != k) {
            throw new VerificationException("tensor PCS: proximity row has " + proof.proximityRow().size() + " entries, expected " + k);
        }
        if (proof.evalRows().size() != groups.size()) {
            throw new VerificationException("tensor PCS: " + proof.evalRows().size() + " evaluation rows, expected " + groups.size());
        }
        for (ExtVector r : proof.evalRows()) {
            if (r.size() != k) {
                throw new VerificationException("tensor PCS: evaluation row has " + r.size() + " entries, expected " + k);
            }
        }
        TensorProtocol.absorbStatement(transcript, layout, roots(commitments), claims);
        if (params.hiding()) {
            TensorProtocol.absorbMaskValue(transcript, proof.maskValue());
        }
        TensorProtocol.Challenges ch = TensorProtocol.challenges(transcript, layout, claims);
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
        int expectedSalts = params.hiding() ? positions.length * commitments.size() * TensorProtocol.SALT_BYTES : 0;
        if (proof.salts().length() != expectedSalts) {
            throw new VerificationException("tensor PCS: " + proof.salts().length() + " salt bytes, expected " + expectedSalts);
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
        verifyEncodedJointLayouts(List.of(commitment), List.of(layout(numVars)), claims, proof, transcript);
    }

    /** {@link #verifyEncoded} for a joint opening of commitments with the layout given by numVars. */
    public void verifyEncodedJoint(List<TensorCommitment> commitments, List<Integer> numVars, List<EvalClaim> claims, byte[] proof,
            Transcript transcript) throws VerificationException {
        verifyEncodedJointLayouts(commitments, repeat(layout(numVars), commitments.size()), claims, proof, transcript);
    }

    /** {@link #verifyEncoded} for a joint opening of commitments with the given layouts. */
    public void verifyEncodedJointLayouts(List<TensorCommitment> commitments, List<TensorLayout> trees, List<EvalClaim> claims,
            byte[] proof, Transcript transcript) throws VerificationException {
        TensorLayout layout = jointLayout(commitments, trees);
        checkClaims(layout, claims);
        ClaimGroups groups = ClaimGroups.of(claims);
        ByteReader r = new ByteReader(proof, "tensor PCS opening proof");
        Head head = readHead(r, layout, groups.size());
        TensorProtocol.absorbStatement(transcript, layout, roots(commitments), claims);
        if (params.hiding()) {
            TensorProtocol.absorbMaskValue(transcript, head.maskValue());
        }
        TensorProtocol.Challenges ch = TensorProtocol.challenges(transcript, layout, claims);
        int[] positions = TensorProtocol.absorbRowsAndQuery(transcript, layout, head.proximityRow(), head.evalRows());
        TensorOpeningProof decoded = readOpenings(r, layout, positions, head);
        checkOpenings(layout, commitments, claims, groups, ch, positions, decoded, transcript);
    }

    /** What precedes the query positions on the wire. */
    private record Head(Ext2 maskValue, ExtVector proximityRow, List<ExtVector> evalRows) {}

    private Head readHead(ByteReader r, TensorLayout layout, int groups) throws DecodingException {
        r.expectVersion(params.proofVersion());
        Ext2 maskValue = params.hiding() ? r.ext("evaluation mask value") : Ext2.ZERO;
        int k = layout.messageLength();
        ExtVector proximityRow = r.extVector(k, "proximity row");
        List<ExtVector> evalRows = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            evalRows.add(r.extVector(k, "evaluation row " + g));
        }
        return new Head(maskValue, proximityRow, evalRows);
    }

    private TensorLayout jointLayout(List<TensorCommitment> commitments, List<TensorLayout> trees) throws VerificationException {
        if (commitments.isEmpty() || commitments.size() != trees.size()) {
            throw new IllegalArgumentException(commitments.size() + " commitments for " + trees.size() + " layouts");
        }
        for (TensorLayout t : trees) {
            if (!t.params().equals(params)) {
                throw new IllegalArgumentException("layout with other parameters: " + t.params());
            }
        }
        try {
            return TensorLayout.joint(trees);
        } catch (IllegalArgumentException e) {
            throw new VerificationException("tensor PCS: " + e.getMessage(), e);
        }
    }

    private static List<TensorLayout> repeat(TensorLayout t, int n) {
        List<TensorLayout> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(t);
        }
        return out;
    }

    private static List<Digest> roots(List<TensorCommitment> commitments) {
        return commitments.stream().map(TensorCommitment::root).toList();
    }

    /** Steps after the query positions are known; the proof's shape has been checked. */
    private void checkOpenings(TensorLayout layout, List<TensorCommitment> commitments, List<EvalClaim> claims, ClaimGroups groups,
            TensorProtocol.Challenges ch, int[] positions, TensorOpeningProof proof, Transcript transcript)
            throws VerificationException {
        checkColumnPaths(layout, commitments, positions, proof.columns(), proof.salts(), proof.siblings(), params.hiding());

        long[][] prox = TensorProtocol.proximityCoefficients(layout, ch.gamma());
        List<RowCheck> rows = new ArrayList<>(1 + groups.size());
        rows.add(new RowCheck(proof.proximityRow(), prox[0], prox[1], "proximity row"));
        for (int g = 0; g < groups.size(); g++) {
            List<Integer> members = groups.members().get(g);
            TensorProtocol.GroupVectors gv = TensorProtocol.groupVectors(layout, claims, members, ch);
            ExtVector u = proof.evalRows().get(g);
            Ext2 claimed = Ext2.ZERO;
            for (int ci : members) {
                claimed = claimed.add(ch.beta().get(ci).mul(claims.get(ci).value()));
            }
            if (params.hiding()) {
                claimed = claimed.add(ch.evalMaskWeight().mul(proof.maskValue()));
            }
            long[] ip = new long[2];
            // only the data part of the row meets b; the padding is there to hide the columns
            ExtVec.innerProduct(u.reCopy(), u.imCopy(), gv.bRe(), gv.bIm(), layout.cols(), ip);
            if (!claimed.equals(new Ext2(ip[0], ip[1]))) {
                throw new VerificationException("tensor PCS: claimed value(s) at point group " + g + " do not match the evaluation row");
            }
            rows.add(new RowCheck(u, gv.coefRe(), gv.coefIm(), "evaluation row " + g));
        }
        checkRowsAgainstColumns(layout.code(), rows, positions, proof.columns(), transcript);
    }

    /**
     * The opened columns belong to the committed matrices: tree i owns rows [treeRowOffset(i), + treeRows(i)) of
     * every opened column, and its salted leaves with its siblings must hash to its root.
     */
    static void checkColumnPaths(TensorLayout layout, List<TensorCommitment> commitments, int[] positions, List<BaseVector> columns,
            Salts salts, List<Digest> siblings, boolean hiding) throws VerificationException {
        int depth = layout.logBlockLength();
        int m = commitments.size();
        int siblingsEach = siblings.size() / m;
        // each column copied out once, not once per tree: a batch's joint C_x opening has one tree per request
        long[][] cols = new long[positions.length][];
        for (int q = 0; q < positions.length; q++) {
            cols[q] = columns.get(q).toArray();
        }
        byte[] hashes = new byte[positions.length * Digest.LENGTH];
        int saltLen = hiding ? TensorProtocol.SALT_BYTES : 0;
        for (int i = 0; i < m; i++) {
            for (int q = 0; q < positions.length; q++) {
                MerkleHash.leafInto(salts.array(), hiding ? salts.offset(q, i, m) : 0, saltLen, cols[q], layout.treeRowOffset(i),
                        layout.treeRows(i), hashes, q * Digest.LENGTH);
            }
            byte[] root = MerkleMultiproof.computeRootInPlace(positions, hashes, siblings.subList(i * siblingsEach, (i + 1) * siblingsEach), depth);
            if (!Digest.of(root).equals(commitments.get(i).root())) {
                throw new VerificationException("tensor PCS: opened columns do not match the commitment"
                        + (m > 1 ? " " + i + " of the joint opening" : "") + " (Merkle root mismatch)");
            }
        }
    }

    /** Reads the opened columns, salts and siblings (sizes derived from the positions) and rejects trailing bytes. */
    private TensorOpeningProof readOpenings(ByteReader r, TensorLayout layout, int[] positions, Head head) throws DecodingException {
        OpenedColumns o = OpenedColumns.read(r, layout, positions, params.hiding());
        return new TensorOpeningProof(head.maskValue(), head.proximityRow(), head.evalRows(), o.columns(), o.salts(), o.siblings(),
                params.hiding());
    }

    /** One row sent in an opening and the combination of the committed rows it must encode to; what names it in errors. */
    record RowCheck(ExtVector row, long[] coefRe, long[] coefIm, String what) {}

    /**
     * Enc(row)[j] = Σ_r coef[r]·column_j[r] for every row check at every opened position j, with one encoding for
     * all of them. Enc is linear, so the rows (and their coefficients) are summed with the powers 1, α, α², .. of an
     * extension challenge α drawn from a copy of the transcript after the rows are absorbed and the positions drawn
     * (the columns at them are fixed by the roots, absorbed before): the caller's transcript is untouched and no
     * proof byte changes. If some row fails at a position, the combined
     * check there is a nonzero polynomial in α of degree &lt; rows.size() over K, so it passes with probability at most
     * (rows.size() − 1)/|K| (docs/proof-system.md §6.4). A failure is narrowed down to the first row and
     * position that fail, which the error names.
     */
    static void checkRowsAgainstColumns(ReedSolomon code, List<RowCheck> rows, int[] positions, List<BaseVector> columns,
            Transcript transcript) throws VerificationException {
        int k = code.messageLength();
        for (RowCheck c : rows) {
            if (c.row().size() > k || c.coefRe().length != rows.getFirst().coefRe().length) {
                throw new IllegalArgumentException(c.what() + ": " + c.row().size() + " entries (code message length " + k + "), "
                        + c.coefRe().length + " coefficients");
            }
        }
        RowCheck first = rows.getFirst();
        long[] re = java.util.Arrays.copyOf(first.row().reCopy(), k);
        long[] im = java.util.Arrays.copyOf(first.row().imCopy(), k);
        long[] coefRe = first.coefRe().clone();
        long[] coefIm = first.coefIm().clone();
        if (rows.size() > 1) {
            Ext2 alpha = transcript.copy().challengeExt("pcs/tensor/row-check-batching");
            Ext2 power = Ext2.ONE;
            for (RowCheck c : rows.subList(1, rows.size())) {
                power = power.mul(alpha);
                ExtVector u = c.row();
                ExtVec.addScaled(re, im, u.reCopy(), u.imCopy(), u.size(), power.c0(), power.c1());
                ExtVec.addScaled(coefRe, coefIm, c.coefRe(), c.coefIm(), coefRe.length, power.c0(), power.c1());
            }
        }
        long[] encRe = code.encode(re, 0);
        long[] encIm = code.encode(im, 0);
        for (int i = 0; i < positions.length; i++) {
            BaseVector col = columns.get(i);
            int j = positions[i];
            if (col.dot(coefRe) != encRe[j] || col.dot(coefIm) != encIm[j]) {
                for (RowCheck c : rows) {
                    checkRowAgainstColumns(code, c.row(), c.coefRe(), c.coefIm(), positions, columns, c.what());
                }
                throw new IllegalStateException("the combined row check failed while every row check passes");
            }
        }
    }

    /** Enc(row)[j] must equal Σ_r coef_r · column_j[r] at every opened position j (one row; names the first failure). */
    static void checkRowAgainstColumns(ReedSolomon code, ExtVector row, long[] coefRe, long[] coefIm, int[] positions,
            List<BaseVector> columns, String what) throws VerificationException {
        long[] re = java.util.Arrays.copyOf(row.reCopy(), code.messageLength());
        long[] im = java.util.Arrays.copyOf(row.imCopy(), code.messageLength());
        long[] encRe = code.encode(re, 0);
        long[] encIm = code.encode(im, 0);
        for (int i = 0; i < positions.length; i++) {
            BaseVector col = columns.get(i);
            long s0 = col.dot(coefRe);
            long s1 = col.dot(coefIm);
            int j = positions[i];
            if (s0 != encRe[j] || s1 != encIm[j]) {
                throw new VerificationException("tensor PCS: " + what + " is inconsistent with opened column " + j);
            }
        }
    }

    /**
     * Decodes an opening proof of one commitment. Sizes that depend on the query positions are derived by
     * replaying the verifier's transcript steps on a copy of the transcript; the caller's transcript is untouched.
     */
    public TensorOpeningProof decodeProof(byte[] bytes, TensorCommitment commitment, List<Integer> numVars, List<EvalClaim> claims,
            Transcript transcript) throws VerificationException {
        TensorLayout layout = TensorLayout.joint(List.of(layout(numVars)));
        checkClaims(layout, claims);
        int groups = ClaimGroups.of(claims).size();
        ByteReader r = new ByteReader(bytes, "tensor PCS opening proof");
        Head head = readHead(r, layout, groups);
        Transcript replay = transcript.copy();
        TensorProtocol.absorbStatement(replay, layout, List.of(commitment.root()), claims);
        if (params.hiding()) {
            TensorProtocol.absorbMaskValue(replay, head.maskValue());
        }
        TensorProtocol.challenges(replay, layout, claims);
        int[] positions = TensorProtocol.absorbRowsAndQuery(replay, layout, head.proximityRow(), head.evalRows());
        return readOpenings(r, layout, positions, head);
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
