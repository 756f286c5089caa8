package io.zkgw.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RequestPayloadTest {
    private static final byte[] SEED = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            SEED[i] = (byte) (0xa0 + i);
        }
    }

    @Test
    void knownEncoding() {
        byte[] b = new RequestPayload(new long[] {1, -2}, SEED).encode();
        assertEquals("01" + HexFormat.of().formatHex(SEED) + "00000002" + "0000000000000001" + "fffffffffffffffe",
                HexFormat.of().formatHex(b));
    }

    @Test
    void roundTripsRandomPayloads() throws Exception {
        Random r = new Random(1);
        for (int t = 0; t < 200; t++) {
            long[] x = new long[1 + r.nextInt(t < 190 ? 64 : 5000)];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextLong();
            }
            byte[] seed = new byte[32];
            r.nextBytes(seed);
            RequestPayload p = new RequestPayload(x, seed);
            RequestPayload q = RequestPayload.decode(p.encode());
            assertEquals(p, q);
            assertArrayEquals(x, q.x());
            assertArrayEquals(seed, q.maskSeed());
            assertArrayEquals(p.encode(), q.encode());
        }
    }

    @Test
    void everyTruncationIsMalformedAndNamesAField() {
        byte[] b = new RequestPayload(new long[] {5, 6, 7}, SEED).encode();
        for (int len = 0; len < b.length; len++) {
            byte[] cut = Arrays.copyOf(b, len);
            EnvelopeException e = assertThrows(EnvelopeException.class, () -> RequestPayload.decode(cut), "length " + len);
            assertEquals(Reason.MALFORMED_PAYLOAD, e.reason(), e.getMessage());
            assertTrue(e.getMessage().matches(".*field (version|mask_seed|n|x).*"), e.getMessage());
        }
    }

    @Test
    void trailingBytesVersionsAndCountsAreRejectedByName() {
        byte[] b = new RequestPayload(new long[] {5}, SEED).encode();
        EnvelopeException trailing = assertThrows(EnvelopeException.class,
                () -> RequestPayload.decode(Arrays.copyOf(b, b.length + 1)));
        assertEquals(Reason.MALFORMED_PAYLOAD, trailing.reason());
        assertTrue(trailing.getMessage().contains("trailing"), trailing.getMessage());

        byte[] v2 = b.clone();
        v2[0] = 2;
        assertEquals(Reason.UNSUPPORTED_VERSION, assertThrows(EnvelopeException.class, () -> RequestPayload.decode(v2)).reason());

        byte[] zero = b.clone();
        zero[33] = zero[34] = zero[35] = zero[36] = 0;
        EnvelopeException z = assertThrows(EnvelopeException.class, () -> RequestPayload.decode(zero));
        assertTrue(z.getMessage().contains("field n"), z.getMessage());

        byte[] huge = b.clone();
        huge[33] = (byte) 0xff;
        EnvelopeException h = assertThrows(EnvelopeException.class, () -> RequestPayload.decode(huge));
        assertEquals(Reason.MALFORMED_PAYLOAD, h.reason());
        assertTrue(h.getMessage().contains("field n"), h.getMessage());
    }

    @Test
    void everyFlippedByteDecodesToSomethingElseOrFailsCleanly() throws Exception {
        RequestPayload p = new RequestPayload(new long[] {5, -6, 7, 1L << 40}, SEED);
        byte[] b = p.encode();
        for (int i = 0; i < b.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] m = b.clone();
                m[i] ^= (byte) (1 << bit);
                try {
                    RequestPayload q = RequestPayload.decode(m);
                    assertFalse(q.equals(p), "flip at " + i + " decoded to the original");
                    assertArrayEquals(m, q.encode(), "canonical: re-encoding gives the bytes decoded");
                } catch (EnvelopeException e) {
                    assertTrue(e.reason() == Reason.MALFORMED_PAYLOAD || e.reason() == Reason.UNSUPPORTED_VERSION);
                }
            }
        }
    }

    @Test
    void randomGarbageOnlyGivesEnvelopeExceptions() {
        Random r = new Random(7);
        for (int t = 0; t < 20_000; t++) {
            byte[] g = new byte[r.nextInt(t % 2 == 0 ? 64 : 400)];
            r.nextBytes(g);
            if (g.length > 0 && t % 3 == 0) {
                g[0] = 1;
            }
            try {
                RequestPayload.decode(g);
            } catch (EnvelopeException e) {
                assertTrue(e.getMessage().startsWith("request payload"), e.getMessage());
            } catch (RuntimeException e) {
                fail("garbage " + t + " escaped as " + e);
            }
        }
    }

    @Test
    void toStringShowsNeitherInputNorSeed() {
        RequestPayload p = new RequestPayload(new long[] {987654321}, SEED);
        assertFalse(p.toString().contains("987654321"));
        assertFalse(p.toString().contains(HexFormat.of().formatHex(SEED)));
        assertThrows(IllegalArgumentException.class, () -> new RequestPayload(new long[0], SEED));
        assertThrows(IllegalArgumentException.class, () -> new RequestPayload(new long[] {1}, new byte[31]));
    }
}
