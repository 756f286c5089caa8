package io.zkgw.gateway.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch's stored masked outputs: round trip, and every truncation or extension refused by name. */
class MaskedOutputsTest {
    @Test
    void roundTripsAndRefusesMalformedBytes() {
        List<byte[]> outs = List.of(new byte[] {1, 2, 3}, new byte[0], new byte[] {9});
        byte[] enc = MaskedOutputs.encode(outs);
        List<byte[]> back = MaskedOutputs.decode(enc);
        assertEquals(3, back.size());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(outs.get(i), back.get(i));
        }
        assertEquals(0, MaskedOutputs.decode(MaskedOutputs.encode(List.of())).size());
        for (int cut = 0; cut < enc.length; cut++) {
            byte[] shorter = Arrays.copyOf(enc, cut);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MaskedOutputs.decode(shorter), "cut at " + cut);
            assertTrue(e.getMessage().startsWith("masked outputs: "), e.getMessage());
        }
        byte[] longer = Arrays.copyOf(enc, enc.length + 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MaskedOutputs.decode(longer)).getMessage().contains("trailing"));
        byte[] hugeCount = enc.clone();
        hugeCount[0] = 0x7f;
        assertThrows(IllegalArgumentException.class, () -> MaskedOutputs.decode(hugeCount));
        byte[] negativeLength = enc.clone();
        negativeLength[4] = (byte) 0x80;
        assertThrows(IllegalArgumentException.class, () -> MaskedOutputs.decode(negativeLength));
    }
}
