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

    @Test
    void digestRunsAreReadAndWrittenInOneArrayAndATruncatedOneNamesItsFirstMissingDigest() throws Exception {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        java.util.List<Digest> list = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byte[] b = new byte[32];
            for (int j = 0; j < 32; j++) {
                b[j] = (byte) rng.nextInt(256);
            }
            list.add(Digest.of(b));
        }
        // a list of Digest objects and its flat form encode alike, and decode to equal lists
        byte[] one = new ByteWriter().digests(list).toByteArray();
        byte[] flat = new ByteWriter().digests(io.zkgw.prover.hash.Digests.of(list)).toByteArray();
        assertArrayEquals(one, flat);
        ByteWriter each = new ByteWriter();
        list.forEach(each::digest);
        assertArrayEquals(each.toByteArray(), one);
        ByteReader r = new ByteReader(one, "opening");
        io.zkgw.prover.hash.Digests read = r.digests(5, "Merkle sibling");
        r.expectEnd();
        assertEquals(list, read);
        assertEquals(list.subList(1, 4), read.subList(1, 4));
        assertEquals(list.get(3), read.subList(2, 5).get(1));
        // 4.5 digests there: the error is digest(item, 4)'s, naming the first one missing
        byte[] cut = java.util.Arrays.copyOf(one, 4 * 32 + 16);
        DecodingException e = assertThrows(DecodingException.class, () -> new ByteReader(cut, "opening").digests(5, "Merkle sibling"));
        assertEquals("opening: truncated while reading Merkle sibling 4 at byte 128 (need 32, have 16)", e.getMessage());
        assertEquals(0, new ByteReader(new byte[0], "opening").digests(0, "Merkle sibling").size());
        assertThrows(IllegalArgumentException.class, () -> io.zkgw.prover.hash.Digests.ownedBy(new byte[33]));
        assertThrows(IndexOutOfBoundsException.class, () -> read.subList(2, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> read.subList(1, 3).offsetOf(2));
    }
}
