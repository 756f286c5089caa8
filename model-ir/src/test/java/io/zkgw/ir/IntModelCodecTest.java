package io.zkgw.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntModelCodecTest {
    @Test
    void roundTripIsExactAndCanonical() {
        Random r = new Random(5);
        for (int i = 0; i < 100; i++) {
            IntModel m = RandomIntModels.generate(r);
            byte[] enc = IntModelCodec.encode(m);
            IntModel back = IntModelCodec.decode(enc);
            assertArrayEquals(enc, IntModelCodec.encode(back));
            long[] x = RandomIntModels.input(r, m);
            assertTrue(IntInterpreter.run(m, x).sameAs(IntInterpreter.run(back, x)));
        }
    }

    @Test
    void rejectsTruncationTrailingBytesAndBadVersion() {
        IntModel m = RandomIntModels.generate(new Random(6));
        byte[] enc = IntModelCodec.encode(m);
        for (int len = 0; len < enc.length; len++) {
            byte[] cut = Arrays.copyOf(enc, len);
            assertThrows(ModelIrException.class, () -> IntModelCodec.decode(cut), "truncated to " + len);
        }
        byte[] longer = Arrays.copyOf(enc, enc.length + 1);
        ModelIrException e = assertThrows(ModelIrException.class, () -> IntModelCodec.decode(longer));
        assertTrue(e.getMessage().contains("trailing"), e.getMessage());
        byte[] v2 = enc.clone();
        v2[7] = 2;
        assertTrue(assertThrows(ModelIrException.class, () -> IntModelCodec.decode(v2)).getMessage().contains("version"));
    }

    @Test
    void randomMutationsEitherDecodeToAValidModelOrFailCleanly() {
        IntModel m = RandomIntModels.generate(new Random(8));
        byte[] enc = IntModelCodec.encode(m);
        Random r = new Random(9);
        int rejected = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] mut = enc.clone();
            int flips = 1 + r.nextInt(3);
            for (int f = 0; f < flips; f++) {
                mut[r.nextInt(mut.length)] ^= (byte) (1 << r.nextInt(8));
            }
            try {
                IntModel d = IntModelCodec.decode(mut);
                // whatever decodes must be a valid model that re-encodes to the same bytes
                assertArrayEquals(mut, IntModelCodec.encode(d));
            } catch (ModelIrException expected) {
                rejected++;
            }
        }
        assertTrue(rejected > 0);
    }

    @Test
    void modelsThatCouldOverflowAreRefused() {
        long[] w = new long[1000];
        Arrays.fill(w, 127);
        IntOp.Dense big = new IntOp.Dense(1000, 1, w, new long[] {0});
        // 1000 · 127 · 32768 > 2^31
        assertThrows(IllegalArgumentException.class, () -> new IntModel(new int[] {1000}, -32768, 32767, List.of(big)));
        IntModel ok = new IntModel(new int[] {1000}, -128, 127, List.of(big));
        assertEquals(1001, ok.parameterCount());
    }
}
