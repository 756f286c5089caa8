package io.zkgw.prover.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A deterministic random generator for blinding randomness: block j = SHA-256(u32(len(domain)) || domain ||
 * u32(len(seed)) || seed || u64(j)), read as bytes, or as little-endian u64 words rejection-sampled below p
 * for field elements. With a secret seed of ≥ 128 bits of entropy its output is pseudorandom (SHA-256 as a
 * PRF); the domain separates the uses of one seed (input blinding, mask blinding, witness, ...).
 * Not thread-safe.
 */
public final class Sha256Prg extends BlockPrg {
    private final byte[] prefix;
    private final MessageDigest md = Sha256.newDigest();
    private final byte[] ctr = new byte[8];
    private long counter;

    public Sha256Prg(String domain, byte[] seed) {
        super(32);
        byte[] d = domain.getBytes(StandardCharsets.UTF_8);
        prefix = new byte[8 + d.length + seed.length];
        writeU32(prefix, 0, d.length);
        System.arraycopy(d, 0, prefix, 4, d.length);
        writeU32(prefix, 4 + d.length, seed.length);
        System.arraycopy(seed, 0, prefix, 8 + d.length, seed.length);
    }

    @Override
    void fill(byte[] block) {
        md.reset();
        md.update(prefix);
        for (int i = 0; i < 8; i++) {
            ctr[i] = (byte) (counter >>> (8 * i));
        }
        counter++;
        md.update(ctr);
        try {
            md.digest(block, 0, 32);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeU32(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
