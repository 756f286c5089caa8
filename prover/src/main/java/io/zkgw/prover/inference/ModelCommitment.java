package io.zkgw.prover.inference;

import io.zkgw.prover.codec.ByteReader;
import io.zkgw.prover.codec.ByteWriter;
import io.zkgw.prover.codec.DecodingException;
import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.pcs.tensor.TensorCommitment;

/**
 * What the ledger records for a model: C_W, the PCS commitment to the weight polynomial (every W* and b in
 * proof layout, concatenated with aligned segments), and hash(D), the SHA-256 of the circuit
 * description, which fixes that layout.
 *
 * <p>Wire format (version 1): {@code u8 version = 1 || C_W (33 bytes, TensorCommitment) || hash(D) (32 bytes)}.
 */
public record ModelCommitment(TensorCommitment weights, Digest circuitHash) {
    public static final int VERSION = 1;
    public static final int ENCODED_LENGTH = 1 + TensorCommitment.ENCODED_LENGTH + Digest.LENGTH;

    public ModelCommitment {
        if (weights == null || circuitHash == null) {
            throw new IllegalArgumentException("null part of a model commitment");
        }
    }

    public byte[] encode() {
        return new ByteWriter(ENCODED_LENGTH).u8(VERSION).bytes(weights.encode()).digest(circuitHash).toByteArray();
    }

    public static ModelCommitment decode(byte[] bytes) throws DecodingException {
        ByteReader r = new ByteReader(bytes, "model commitment");
        r.expectVersion(VERSION);
        byte[] cw = new byte[TensorCommitment.ENCODED_LENGTH];
        for (int i = 0; i < cw.length; i++) {
            cw[i] = (byte) r.u8("weights commitment");
        }
        Digest h = r.digest("circuit hash");
        r.expectEnd();
        return new ModelCommitment(TensorCommitment.decode(cw), h);
    }
}
