package io.zkgw.envelope;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * An X25519 key pair for the request envelope (HPKE DHKEM(X25519, HKDF-SHA256)): a 32-byte private key
 * and its 32-byte public key, the one a provider registers on chain ({@code RegisterProvider.hpke_public_key}).
 * The private key never leaves this package except through {@link KeyFiles}; {@link #toString()} omits it.
 */
public final class HpkeKeyPair {
    public static final int KEY_BYTES = 32;

    private final byte[] privateKey;
    private final byte[] publicKey;

    private HpkeKeyPair(byte[] privateKey) {
        this.privateKey = privateKey.clone();
        this.publicKey = new X25519PrivateKeyParameters(this.privateKey).generatePublicKey().getEncoded();
    }

    /** A fresh key pair. */
    public static HpkeKeyPair generate(SecureRandom random) {
        byte[] sk = new byte[KEY_BYTES];
        random.nextBytes(sk);
        return new HpkeKeyPair(sk);
    }

    /** The key pair of a 32-byte X25519 private key (as serialised by RFC 9180's SerializePrivateKey). */
    public static HpkeKeyPair fromPrivateKey(byte[] privateKey) {
        if (privateKey == null || privateKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("an X25519 private key is " + KEY_BYTES + " bytes");
        }
        return new HpkeKeyPair(privateKey);
    }

    /** The 32-byte public key clinicians encrypt to. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    byte[] privateKey() {
        return privateKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HpkeKeyPair k && Arrays.equals(publicKey, k.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "HpkeKeyPair[public=" + Hex.of(publicKey) + "]";
    }
}
