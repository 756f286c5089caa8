package io.zkgw.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HexFormat;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.junit.jupiter.api.Test;

/**
 * RFC 9180 Appendix A.2.1: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305, base mode — the
 * suite of envelope version 1. Checks both BouncyCastle and our wrapper ({@link Hpke}) byte for byte.
 */
class HpkeRfc9180Test {
    private static final HexFormat H = HexFormat.of();
    private static final byte[] INFO = h("4f6465206f6e2061204772656369616e2055726e");
    private static final byte[] IKM_E = h("909a9b35d3dc4713a5e72a4da274b55d3d3821a37e5d099e74a647db583a904b");
    private static final byte[] PK_EM = h("1afa08d3dec047a643885163f1180476fa7ddb54c6a8029ea33f95796bf2ac4a");
    private static final byte[] SK_EM = h("f4ec9b33b792c372c1d2c2063507b684ef925b8c75a42dbcbf57d63ccd381600");
    private static final byte[] IKM_R = h("1ac01f181fdf9f352797655161c58b75c656a6cc2716dcb66372da835542e1df");
    private static final byte[] PK_RM = h("4310ee97d88cc1f088a5576c77ab0cf5c3ac797f3d95139c6c84b5429c59662a");
    private static final byte[] SK_RM = h("8057991eef8f1f1af18f4a9491d16a1ce333f695d4db8e38da75975c4478e0fb");
    private static final byte[] PT = h("4265617574792069732074727574682c20747275746820626561757479");
    private static final byte[][] AAD = {h("436f756e742d30"), h("436f756e742d31"), h("436f756e742d32")};
    private static final byte[][] CT = {
        h("1c5250d8034ec2b784ba2cfd69dbdb8af406cfe3ff938e131f0def8c8b60b4db21993c62ce81883d2dd1b51a28"),
        h("6b53c051e4199c518de79594e1c4ab18b96f081549d45ce015be002090bb119e85285337cc95ba5f59992dc98c"),
        h("71146bd6795ccc9c49ce25dda112a48f202ad220559502cef1f34271e0cb4b02b4f10ecac6f48c32f878fae86b"),
    };
    private static final byte[][] EXPORT_CONTEXT = {h(""), h("00"), h("54657374436f6e74657874")};
    private static final byte[][] EXPORTED = {
        h("4bbd6243b8bb54cec311fac9df81841b6fd61f56538a775e7c80a9f40160606e"),
        h("8c1df14732580e5501b00f82b10a1647b40713191b7c1240ac80e2b68808ba69"),
        h("5acb09211139c43b3090489a9da433e8a30ee7188ba8b0a9a1ccf0c229283e53"),
    };

    private static byte[] h(String s) {
        return H.parseHex(s);
    }

    private static byte[] clamp(byte[] k) {
        byte[] c = k.clone();
        c[0] &= (byte) 248;
        c[31] &= 127;
        c[31] |= 64;
        return c;
    }

    private static HPKE suite() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_CHACHA20_POLY1305);
    }

    @Test
    void deriveKeyPairMatchesTheVector() {
        HPKE s = suite();
        // BouncyCastle serialises the X25519 scalar clamped (RFC 7748); the vector lists it unclamped
        AsymmetricCipherKeyPair e = s.deriveKeyPair(IKM_E);
        assertArrayEquals(clamp(SK_EM), s.serializePrivateKey(e.getPrivate()));
        assertArrayEquals(PK_EM, s.serializePublicKey(e.getPublic()));
        AsymmetricCipherKeyPair r = s.deriveKeyPair(IKM_R);
        assertArrayEquals(clamp(SK_RM), s.serializePrivateKey(r.getPrivate()));
        assertArrayEquals(PK_RM, s.serializePublicKey(r.getPublic()));
        // our key pair type derives the same public key from the private one
        assertArrayEquals(PK_RM, HpkeKeyPair.fromPrivateKey(SK_RM).publicKey());
    }

    @Test
    void ourWrapperSealsAndOpensSequenceZeroExactly() {
        Hpke.Sealed sealed = Hpke.seal(PK_RM, INFO, AAD[0], PT, IKM_E);
        assertArrayEquals(PK_EM, sealed.enc());
        assertArrayEquals(CT[0], sealed.ciphertext());
        assertArrayEquals(PT, Hpke.open(HpkeKeyPair.fromPrivateKey(SK_RM), PK_EM, INFO, AAD[0], CT[0]));
        // any other aad, info or a flipped ciphertext byte does not open
        assertNull(Hpke.open(HpkeKeyPair.fromPrivateKey(SK_RM), PK_EM, INFO, AAD[1], CT[0]));
        assertNull(Hpke.open(HpkeKeyPair.fromPrivateKey(SK_RM), PK_EM, new byte[0], AAD[0], CT[0]));
        byte[] bad = CT[0].clone();
        bad[3] ^= 1;
        assertNull(Hpke.open(HpkeKeyPair.fromPrivateKey(SK_RM), PK_EM, INFO, AAD[0], bad));
    }

    @Test
    void bouncyCastleContextMatchesSequencesAndExports() throws Exception {
        HPKE s = suite();
        HPKEContextWithEncapsulation sender = s.setupBaseS(s.deserializePublicKey(PK_RM), INFO, s.deriveKeyPair(IKM_E));
        assertArrayEquals(PK_EM, sender.getEncapsulation());
        HPKEContext receiver = s.setupBaseR(PK_EM, s.deserializePrivateKey(SK_RM, PK_RM), INFO);
        for (int i = 0; i < CT.length; i++) {
            assertArrayEquals(CT[i], sender.seal(AAD[i], PT), "sequence " + i);
            assertArrayEquals(PT, receiver.open(AAD[i], CT[i]), "sequence " + i);
        }
        for (int i = 0; i < EXPORTED.length; i++) {
            assertArrayEquals(EXPORTED[i], receiver.export(EXPORT_CONTEXT[i], 32), "export " + i);
        }
    }
}
