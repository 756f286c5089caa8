package io.zkgw.chainapp.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Ed25519Test {
    // RFC 8032 section 7.1, TEST 2 (one-byte message 0x72)
    private static final byte[] SEED = Hashes.unhex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
    private static final byte[] PUB = Hashes.unhex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
    private static final byte[] SIG = Hashes.unhex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
            + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");

    @Test
    void rfc8032Vector() {
        assertArrayEquals(PUB, Ed25519.fromSeed(SEED).publicKey());
        assertArrayEquals(SIG, Ed25519.sign(SEED, new byte[] {0x72}));
        assertTrue(Ed25519.verify(PUB, new byte[] {0x72}, SIG));
    }

    @Test
    void rejectsTamperingAndGarbageWithoutThrowing() {
        byte[] bad = SIG.clone();
        bad[5] ^= 1;
        assertFalse(Ed25519.verify(PUB, new byte[] {0x72}, bad));
        assertFalse(Ed25519.verify(PUB, new byte[] {0x73}, SIG));
        assertFalse(Ed25519.verify(new byte[32], new byte[] {0x72}, SIG));
        byte[] ff = new byte[32];
        java.util.Arrays.fill(ff, (byte) 0xff);
        assertFalse(Ed25519.verify(ff, new byte[] {0x72}, SIG));
        assertFalse(Ed25519.verify(PUB, new byte[] {0x72}, new byte[63]));
        // S >= L (non-canonical) must be rejected
        byte[] highS = SIG.clone();
        java.util.Arrays.fill(highS, 32, 64, (byte) 0xff);
        assertFalse(Ed25519.verify(PUB, new byte[] {0x72}, highS));
    }
}
