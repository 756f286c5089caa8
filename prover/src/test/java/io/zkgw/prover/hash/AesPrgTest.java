package io.zkgw.prover.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.prover.field.Goldilocks;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** AesPrg is the specified keystream: AES-256 of the big-endian counter blocks 0, 1, .. under SHA-256(domain, seed). */
class AesPrgTest {
    private static byte[] expectedStream(String domain, byte[] seed, int blocks) throws Exception {
        java.security.MessageDigest md = Sha256.newDigest();
        byte[] d = domain.getBytes(StandardCharsets.UTF_8);
        md.update(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(d.length).array());
        md.update(d);
        md.update(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(seed.length).array());
        md.update(seed);
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(md.digest(), "AES"));
        byte[] counters = new byte[16 * blocks];
        for (int i = 0; i < blocks; i++) {
            ByteBuffer.wrap(counters, 16 * i + 8, 8).order(ByteOrder.BIG_ENDIAN).putLong(i);
        }
        return ecb.doFinal(counters);
    }

    @Test
    void bytesAreTheCounterModeKeystream() throws Exception {
        byte[] seed = "a seed of thirty-two bytes......".getBytes(StandardCharsets.UTF_8);
        byte[] expected = expectedStream("zkgw/test", seed, 600);
        AesPrg prg = new AesPrg("zkgw/test", seed);
        byte[] got = new byte[expected.length];
        // odd-sized reads across the generator's internal buffer boundary
        for (int at = 0; at < got.length; at += 37) {
            prg.nextBytes(got, at, Math.min(37, got.length - at));
        }
        assertArrayEquals(expected, got);
        assertFalse(Arrays.equals(expected, expectedStream("zkgw/other", seed, 600)), "the domain separates streams");
    }

    @Test
    void fieldsAreLittleEndianWordsBelowP() throws Exception {
        byte[] seed = new byte[32];
        byte[] stream = expectedStream("zkgw/test", seed, 64);
        long[] fields = new AesPrg("zkgw/test", seed).nextFields(100);
        int at = 0;
        for (long f : fields) {
            long w;
            do {
                w = ByteBuffer.wrap(stream, at, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
                at += 8;
            } while (!Goldilocks.isCanonical(w));
            assertEquals(w, f);
            assertTrue(Goldilocks.isCanonical(f));
        }
    }
}
