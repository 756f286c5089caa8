package io.zkgw.prover.hash;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The blinding generator of randomness that only its owner ever recomputes (a proof's own commitments,
 * mask pool and reduction mask): the AES-256-CTR keystream (counter block 0 first, big-endian increments)
 * under the key SHA-256(u32(len(domain)) || domain || u32(len(seed)) || seed), read as bytes, or as
 * little-endian u64 words rejection-sampled below p for field elements. Pseudorandom for a secret seed of
 * ≥ 128 bits (AES as a PRF); with AES-NI it produces a proof's ≈ 0.5 MB of blinding ≈ 30 times faster than
 * {@link Sha256Prg}, which stays the generator of everything another party recomputes (requester
 * commitments, C_W, known-answer vectors).
 */
public final class AesPrg extends BlockPrg {
    private static final int BUFFER = 1 << 12;

    private final Cipher cipher;
    private final byte[] zeros = new byte[BUFFER];

    public AesPrg(String domain, byte[] seed) {
        super(BUFFER);
        MessageDigest md = Sha256.newDigest();
        byte[] d = domain.getBytes(StandardCharsets.UTF_8);
        md.update(u32(d.length));
        md.update(d);
        md.update(u32(seed.length));
        md.update(seed);
        try {
            cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(md.digest(), "AES"), new IvParameterSpec(new byte[16]));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR is part of every JDK", e);
        }
    }

    @Override
    void fill(byte[] block) {
        try {
            cipher.update(zeros, 0, BUFFER, block, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] u32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }
}
