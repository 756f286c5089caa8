package io.zkgw.prover.pcs.tensor;

import io.zkgw.prover.codec.ByteReader;
import io.zkgw.prover.codec.ByteWriter;
import io.zkgw.prover.codec.DecodingException;
import io.zkgw.prover.hash.Digest;

/**
 * Commitment of the tensor PCS: the Merkle root over the columns of the encoded matrix. The sizes of
 * the committed polynomials are public parameters kept elsewhere, not part of the commitment.
 *
 * <p>Wire format (version 1): {@code u8 version = 1 || root (32 bytes)}, 33 bytes.
 */
public record TensorCommitment(Digest root) {
    public static final int VERSION = 1;
    public static final int ENCODED_LENGTH = 1 + Digest.LENGTH;

    public TensorCommitment {
        if (root == null) {
            throw new IllegalArgumentException("root");
        }
    }

    public byte[] encode() {
        return new ByteWriter(ENCODED_LENGTH).u8(VERSION).digest(root).toByteArray();
    }

    public static TensorCommitment decode(byte[] bytes) throws DecodingException {
        ByteReader r = new ByteReader(bytes, "tensor PCS commitment");
        r.expectVersion(VERSION);
        Digest root = r.digest("Merkle root");
        r.expectEnd();
        return new TensorCommitment(root);
    }
}
