package io.zkgw.prover.inference;

import io.zkgw.prover.codec.ByteReader;
import io.zkgw.prover.codec.ByteWriter;
import io.zkgw.prover.codec.DecodingException;

/**
 * The masked output z = y + r of one request as it travels on the ledger (FulfillPrediction.masked_output)
 * and between gateway and clinician. Field elements, because the mask is uniform in F_p.
 *
 * <p>Wire format (version 1): {@code u8 version = 1 || u32 count || count × u64}, integers little-endian as everywhere in the prover codec, every element
 * canonical (&lt; p). One encoding per value: a decoder rejects trailing bytes and non-canonical elements.
 */
public record MaskedOutput(long[] z) {
    public static final int VERSION = 1;
    /** Far above any output layer we can prove (D caps tensors at 2^24 elements; this caps the bytes). */
    public static final int MAX_ELEMENTS = 1 << 16;

    public MaskedOutput {
        if (z == null || z.length == 0 || z.length > MAX_ELEMENTS) {
            throw new IllegalArgumentException("masked output must have 1.." + MAX_ELEMENTS + " elements");
        }
        z = z.clone();
    }

    @Override
    public long[] z() {
        return z.clone();
    }

    public byte[] encode() {
        return new ByteWriter(5 + 8 * z.length).u8(VERSION).u32(z.length).fields(z).toByteArray();
    }

    public static MaskedOutput decode(byte[] bytes) throws DecodingException {
        ByteReader r = new ByteReader(bytes, "masked output");
        r.expectVersion(VERSION);
        int n = r.u32("element count");
        if (n <= 0 || n > MAX_ELEMENTS) {
            throw new DecodingException("masked output: element count " + Integer.toUnsignedString(n)
                    + " is outside 1.." + MAX_ELEMENTS);
        }
        long[] z = r.fields(n, "element");
        r.expectEnd();
        return new MaskedOutput(z);
    }
}
