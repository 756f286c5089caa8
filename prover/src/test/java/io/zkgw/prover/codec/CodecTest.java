package io.zkgw.prover.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.hash.Digest;
import org.junit.jupiter.api.Test;

class CodecTest {
    @Test
    void fixedWidthLittleEndianRoundTrip() throws Exception {
        Digest d = Digest.of(new byte[32]);
        byte[] b = new ByteWriter().u8(1).u32(0x01020304).u64(Goldilocks.P - 1).ext(new Ext2(2, 3))
                .exts(ExtVector.of(new Ext2(4, 5))).digest(d).toByteArray();
        assertEquals(1 + 4 + 8 + 16 + 16 + 32, b.length);
        assertArrayEquals(new byte[] {1, 4, 3, 2, 1}, java.util.Arrays.copyOf(b, 5));
        ByteReader r = new ByteReader(b, "test object");
        r.expectVersion(1);
        assertEquals(0x01020304, r.u32("u32"));
        assertEquals(Goldilocks.P - 1, r.field("field"));
        assertEquals(new Ext2(2, 3), r.ext("ext"));
        assertEquals(ExtVector.of(new Ext2(4, 5)), r.extVector(1, "vec"));
        assertEquals(d, r.digest("digest"));
        r.expectEnd();
    }

    @Test
    void errorsNameWhatIsWrong() {
        byte[] p = new ByteWriter().u64(Goldilocks.P).toByteArray();
        DecodingException e = assertThrows(DecodingException.class, () -> new ByteReader(p, "widget").field("weight"));
        assertTrue(e.getMessage().contains("widget") && e.getMessage().contains("non-canonical") && e.getMessage().contains("weight"));
        e = assertThrows(DecodingException.class, () -> new ByteReader(new byte[7], "widget").field("weight"));
        assertTrue(e.getMessage().contains("truncated"));
        e = assertThrows(DecodingException.class, () -> {
            ByteReader r = new ByteReader(new byte[2], "widget");
            r.u8("x");
            r.expectEnd();
        });
        assertTrue(e.getMessage().contains("trailing"));
        e = assertThrows(DecodingException.class, () -> new ByteReader(new byte[] {3}, "widget").expectVersion(1));
        assertTrue(e.getMessage().contains("unsupported version 3"));
        assertThrows(DecodingException.class, () -> new ByteReader(new byte[16], "w").extVector(Integer.MAX_VALUE / 8, "huge"));
    }

    @Test
    void indexedItemsReadAndFailLikeTheirLabelledForms() throws Exception {
        // opened columns and Merkle siblings are read with labels built only on failure: same values, same messages
        ByteWriter w = new ByteWriter();
        w.u64(5);
        w.u64(Goldilocks.P);
        w.u64(7);
        Digest d = Digest.of(new byte[32]);
        byte[] ok = new ByteWriter().fields(new long[] {1, 2}).digest(d).toByteArray();
        ByteReader r = new ByteReader(ok, "opening");
        assertEquals(io.zkgw.prover.field.BaseVector.of(new long[] {1, 2}), r.baseVector(2, "opened column", 9));
        assertEquals(d, r.digest("Merkle sibling", 4));
        r.expectEnd();
        byte[] bad = w.toByteArray();
        for (int count : new int[] {3, 4}) {
            ByteReader indexed = new ByteReader(bad, "opening");
            indexed.u64("skip");
            ByteReader labelled = new ByteReader(bad, "opening");
            labelled.u64("skip");
            // 3 entries: a non-canonical one at byte 8; 4: truncated (need 32, have 16)
            DecodingException ei = assertThrows(DecodingException.class, () -> indexed.baseVector(count - 1, "opened column", 17));
            DecodingException el = assertThrows(DecodingException.class, () -> labelled.baseVector(count - 1, "opened column 17"));
            assertEquals(el.getMessage(), ei.getMessage());
            assertTrue(ei.getMessage().contains("opened column 17"), ei.getMessage());
        }
        DecodingException e = assertThrows(DecodingException.class, () -> new ByteReader(new byte[31], "opening").digest("Merkle sibling", 12));
        assertEquals("opening: truncated while reading Merkle sibling 12 at byte 0 (need 32, have 31)", e.getMessage());
    }
}
