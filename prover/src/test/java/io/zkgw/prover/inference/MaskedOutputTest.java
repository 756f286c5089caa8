package io.zkgw.prover.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.prover.codec.DecodingException;
import io.zkgw.prover.field.Goldilocks;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskedOutputTest {
    @Test
    void roundTripIsExact() throws Exception {
        Random r = new Random(3);
        for (int n : new int[] {1, 2, 10, 1000}) {
            long[] z = new long[n];
            for (int i = 0; i < n; i++) {
                z[i] = Goldilocks.reduce64(r.nextLong());
            }
            z[0] = Goldilocks.P - 1;
            byte[] enc = new MaskedOutput(z).encode();
            assertArrayEquals(z, MaskedOutput.decode(enc).z());
            assertArrayEquals(enc, MaskedOutput.decode(enc).encode());
        }
    }

    @Test
    void malformedBytesAreRejectedByName() {
        byte[] enc = new MaskedOutput(new long[] {5, 6}).encode();
        for (int len = 0; len < enc.length; len++) {
            int cut = len;
            assertThrows(DecodingException.class, () -> MaskedOutput.decode(Arrays.copyOf(enc, cut)));
        }
        byte[] longer = Arrays.copyOf(enc, enc.length + 1);
        assertThrows(DecodingException.class, () -> MaskedOutput.decode(longer));
        byte[] version = enc.clone();
        version[0] = 2;
        assertTrue(assertThrows(DecodingException.class, () -> MaskedOutput.decode(version)).getMessage().contains("version"));
        byte[] zeroCount = new byte[] {1, 0, 0, 0, 0};
        assertTrue(assertThrows(DecodingException.class, () -> MaskedOutput.decode(zeroCount)).getMessage().contains("count"));
        byte[] nonCanonical = enc.clone();
        Arrays.fill(nonCanonical, 5, 13, (byte) 0xFF); // first element = 2^64 - 1 ≥ p
        assertTrue(assertThrows(DecodingException.class, () -> MaskedOutput.decode(nonCanonical)).getMessage()
                .contains("non-canonical"));
    }
}
