package io.zkgw.envelope;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;

/**
 * The one HPKE suite of envelope version 1 (RFC 9180): mode_base, DHKEM(X25519, HKDF-SHA256) (0x0020),
 * HKDF-SHA256 (0x0001), ChaCha20-Poly1305 (0x0003), on BouncyCastle. Single-shot: one message per
 * context, sequence number 0.
 */
final class Hpke {
    static final int ENC_BYTES = 32;
    static final int TAG_BYTES = 16;

    private Hpke() {}

    private static HPKE suite() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_CHACHA20_POLY1305);
    }

    /** enc and ciphertext. {@code ephemeralIkm} feeds DeriveKeyPair for the sender's ephemeral key. */
    record Sealed(byte[] enc, byte[] ciphertext) {}

    static Sealed seal(byte[] recipientPublicKey, byte[] info, byte[] aad, byte[] plaintext, byte[] ephemeralIkm) {
        HPKE h = suite();
        AsymmetricCipherKeyPair eph = h.deriveKeyPair(ephemeralIkm);
        try {
            HPKEContextWithEncapsulation ctx = h.setupBaseS(h.deserializePublicKey(recipientPublicKey), info, eph);
            return new Sealed(ctx.getEncapsulation(), ctx.seal(aad, plaintext));
        } catch (org.bouncycastle.crypto.InvalidCipherTextException e) {
            throw new IllegalStateException("HPKE seal failed", e);
        }
    }

    /** The plaintext, or null when the ciphertext does not open (wrong key, info, aad, or tampered). */
    static byte[] open(HpkeKeyPair recipient, byte[] enc, byte[] info, byte[] aad, byte[] ciphertext) {
        HPKE h = suite();
        try {
            AsymmetricCipherKeyPair kp = h.deserializePrivateKey(recipient.privateKey(), recipient.publicKey());
            HPKEContext ctx = h.setupBaseR(enc, kp, info);
            return ctx.open(aad, ciphertext);
        } catch (org.bouncycastle.crypto.InvalidCipherTextException | RuntimeException e) {
            // RuntimeException: BouncyCastle signals an unusable enc (e.g. a low-order point) this way.
            return null;
        }
    }
}
