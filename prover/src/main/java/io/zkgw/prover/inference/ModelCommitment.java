package io.zkgw.prover.inference;

import io.zkgw.prover.codec.ByteReader;
import io.zkgw.prover.codec.ByteWriter;
import io.zkgw.prover.codec.DecodingException;
import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.pcs.tensor.TensorCommitment;

/**
 * What the ledger records for a model: C_W, the PCS commitment to the weight polynomial (every W* and b in
 * proof layout, concatenated with aligned segments, plus the random blinding slots), hash(D), the SHA-256 of
 * the circuit description, which fixes that layout, and the <b>proof budget</b> K: the number of proofs
 * C_W may be opened in while staying hidden (its padding holds t·K random coefficients per row and the
 * weight polynomial 2^⌈log2 2K⌉ random slots; docs/inference-proofs.md §11). A ledger accepts at most K
 * proofs against one model commitment; the provider then commits the model again (new key, new C_W).
 *
 * <p>Wire format (version 5): {@code u8 version = 5 || C_W (33 bytes, TensorCommitment) || u32 K (little-endian,
 * 1 ≤ K ≤ 65534) || hash(D) (32 bytes)}. Version 3: C_W's padding also covers the two epoch links that open it
 * ({@link EpochLink}), t·(K + 2) per row; a version-2 C_W (t·K) cannot be linked and is refused. Version 4: C_W
 * may be laid out one column narrower when that halves its codeword (the budgeted width rule of
 * {@code TensorLayout.of}); a version-3 C_W may have another layout than the one a verifier now derives, so it
 * is refused too. Version 5: t = 180 queries per opening (was 280), so C_W's padding is 180·(K + 2) per row and its
 * layout changes again.
 */
public record ModelCommitment(TensorCommitment weights, Digest circuitHash, int proofBudget) {
    public static final int VERSION = 5;
    /** The largest proof budget: the PCS's opening budget less the two epoch links. */
    public static final int MAX_PROOF_BUDGET = io.zkgw.prover.pcs.tensor.TensorPcsParams.MAX_OPENING_BUDGET - EpochLink.OPENINGS_PER_COMMITMENT;
    /**
     * Proofs per commitment unless the committer names a budget: C_W stays hidden over this many proofs
     * (docs/inference-proofs.md §11: each proof opens C_W at t = 180 fresh columns and reveals W(σ)). 11 is the
     * largest K whose padding 180·(K + 2) keeps a C_W of 256 columns (2^11 to 2^12 weights) within a codeword of
     * 2^13 (3·(256 + 180·13) = 7,788): each proof's fresh masks, the verifier's re-encoding of C_W rows and each
     * commitment scale with that codeword, which K = 12..26 doubles (docs/inference-proofs.md §11 (c)).
     */
    public static final int DEFAULT_PROOF_BUDGET = 11;
    public static final int ENCODED_LENGTH = 1 + TensorCommitment.ENCODED_LENGTH + Digest.LENGTH + 4;

    public ModelCommitment {
        if (weights == null || circuitHash == null) {
            throw new IllegalArgumentException("null part of a model commitment");
        }
        if (proofBudget < 1 || proofBudget > MAX_PROOF_BUDGET) {
            throw new IllegalArgumentException("proof budget " + proofBudget + " outside [1, " + MAX_PROOF_BUDGET + "]");
        }
    }

    /** With the default proof budget. */
    public ModelCommitment(TensorCommitment weights, Digest circuitHash) {
        this(weights, circuitHash, DEFAULT_PROOF_BUDGET);
    }

    public byte[] encode() {
        return new ByteWriter(ENCODED_LENGTH).u8(VERSION).bytes(weights.encode()).u32(proofBudget).digest(circuitHash).toByteArray();
    }

    public static ModelCommitment decode(byte[] bytes) throws DecodingException {
        ByteReader r = new ByteReader(bytes, "model commitment");
        r.expectVersion(VERSION);
        byte[] cw = new byte[TensorCommitment.ENCODED_LENGTH];
        for (int i = 0; i < cw.length; i++) {
            cw[i] = (byte) r.u8("weights commitment");
        }
        int budget = r.u32("proof budget");
        Digest h = r.digest("circuit hash");
        r.expectEnd();
        if (budget < 1 || budget > MAX_PROOF_BUDGET) {
            throw new DecodingException("model commitment: proof budget " + Integer.toUnsignedString(budget) + " out of range");
        }
        return new ModelCommitment(TensorCommitment.decode(cw), h, budget);
    }
}
