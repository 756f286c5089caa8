package io.zkgw.envelope;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * An Ed25519 (RFC 8032) signing key for ledger transactions: the 32-byte seed (private key), its 32-byte
 * public key and the account address (the first 20 bytes of SHA-256 of the public key, docs/chain.md).
 * Signing runs on the JDK's EdDSA provider; the public key is derived with BouncyCastle (the JDK has no
 * public API for that). {@link #toString()} omits the seed.
 */
public final class SigningKey {
    public static final int SEED_BYTES = 32;
    public static final int PUBLIC_KEY_BYTES = 32;
    public static final int SIGNATURE_BYTES = 64;

    private final byte[] seed;
    private final byte[] publicKey;

    private SigningKey(byte[] seed) {
        this.seed = seed.clone();
        this.publicKey = new Ed25519PrivateKeyParameters(this.seed).generatePublicKey().getEncoded();
    }

    public static SigningKey generate(SecureRandom random) {
        byte[] s = new byte[SEED_BYTES];
        random.nextBytes(s);
        return new SigningKey(s);
    }

    public static SigningKey fromSeed(byte[] seed) {
        if (seed == null || seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("an Ed25519 seed is " + SEED_BYTES + " bytes");
        }
        return new SigningKey(seed);
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The 20-byte account address. */
    public byte[] address() {
        return address(publicKey);
    }

    /** The account address of a 32-byte Ed25519 public key: SHA-256(public key)[0..20]. */
    public static byte[] address(byte[] publicKey) {
        if (publicKey.length != PUBLIC_KEY_BYTES) {
            throw new IllegalArgumentException("an Ed25519 public key is " + PUBLIC_KEY_BYTES + " bytes");
        }
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(publicKey), PublicRequest.ADDRESS_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** A 64-byte Ed25519 signature of the message. */
    public byte[] sign(byte[] message) {
        try {
            PrivateKey k = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(k);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable in this JDK", e);
        }
    }

    byte[] seed() {
        return seed.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigningKey k && Arrays.equals(publicKey, k.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "SigningKey[address=" + Hex.of(address()) + "]";
    }
}
