package io.zkgw.chainapp.abci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AbciFramingTest {
    @Test
    void roundTripsFramesOfManySizes() throws IOException {
        Random rnd = new Random(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] sizes = {0, 1, 127, 128, 300, 16383, 16384, 70000};
        byte[][] msgs = new byte[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            msgs[i] = new byte[sizes[i]];
            rnd.nextBytes(msgs[i]);
            AbciFraming.writeFrame(out, msgs[i]);
        }
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        for (byte[] m : msgs) {
            assertArrayEquals(m, AbciFraming.readFrame(in, 1 << 20));
        }
        assertNull(AbciFraming.readFrame(in, 1 << 20));
    }

    @Test
    void lengthIsAnUnsignedLeb128Varint() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AbciFraming.writeFrame(out, new byte[300]);
        byte[] b = out.toByteArray();
        // 300 = 0b10_0101100 -> 0xac 0x02 (Go's binary.PutUvarint)
        assertArrayEquals(new byte[] {(byte) 0xac, 0x02}, java.util.Arrays.copyOf(b, 2));
    }

    @Test
    void rejectsTruncationAndOversizedFrames() {
        assertThrows(IOException.class, () -> AbciFraming.readFrame(new ByteArrayInputStream(new byte[] {(byte) 0x80}), 10));
        assertThrows(IOException.class, () -> AbciFraming.readFrame(new ByteArrayInputStream(new byte[] {5, 1, 2}), 10));
        assertThrows(IOException.class, () -> AbciFraming.readFrame(new ByteArrayInputStream(new byte[] {11}), 10));
        byte[] tooLong = new byte[11];
        java.util.Arrays.fill(tooLong, (byte) 0xff);
        assertThrows(IOException.class, () -> AbciFraming.readFrame(new ByteArrayInputStream(tooLong), 10));
    }
}
