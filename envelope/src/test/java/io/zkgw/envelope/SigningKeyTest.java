package io.zkgw.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

class SigningKeyTest {
    private static final HexFormat H = HexFormat.of();

    /** RFC 8032 section 7.1, TEST 1 (empty message). */
    @Test
    void rfc8032Test1() {
        SigningKey k = SigningKey.fromSeed(H.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", H.formatHex(k.publicKey()));
        assertEquals("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
                H.formatHex(k.sign(new byte[0])));
    }

    @Test
    void addressIsTheFirst20BytesOfSha256OfThePublicKey() throws Exception {
        SigningKey k = SigningKey.generate(new SecureRandom());
        assertArrayEquals(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(k.publicKey()), 20), k.address());
    }

    @Test
    void signaturesVerifyElsewhereAndToStringHidesTheSeed() {
        SigningKey k = SigningKey.generate(new SecureRandom());
        byte[] msg = "ZKGW-TX-V1 some body".getBytes();
        byte[] sig = k.sign(msg);
        Ed25519Signer v = new Ed25519Signer();
        v.init(false, new Ed25519PublicKeyParameters(k.publicKey()));
        v.update(msg, 0, msg.length);
        assertEquals(true, v.verifySignature(sig));
        assertFalse(k.toString().contains(H.formatHex(k.seed())));
        assertEquals(k, SigningKey.fromSeed(k.seed()));
    }
}
