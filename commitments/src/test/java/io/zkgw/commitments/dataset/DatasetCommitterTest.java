package io.zkgw.commitments.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dataset commitments on the real breast-cancer test split. */
class DatasetCommitterTest {
    static final Path DATA = Path.of("../inference/src/test/resources/fixtures/breast_cancer_test.csv");

    @TempDir
    Path tmp;

    static byte[] key(int b) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) b);
        return k;
    }

    @Test
    void commitIsDeterministicHidingAndCountsRecords() throws Exception {
        DatasetCommitter c = new DatasetCommitter(key(1));
        var a = c.commit(DATA);
        var b = c.commit(DATA);
        assertArrayEquals(a.commitment().root(), b.commitment().root());
        assertEquals(Files.readAllLines(DATA).size() - 1, a.commitment().recordCount());
        var other = new DatasetCommitter(key(2)).commit(DATA);
        assertFalse(Arrays.equals(a.commitment().root(), other.commitment().root()), "salt key must change the root");
        assertArrayEquals(a.commitment().schemaHash(), other.commitment().schemaHash(), "schema hash is unsalted");
    }

    @Test
    void crlfAndMissingFinalNewlineGiveTheSameRecords() throws Exception {
        String text = Files.readString(DATA);
        Path crlf = tmp.resolve("crlf.csv");
        Files.writeString(crlf, text.replace("\n", "\r\n"));
        Path noFinal = tmp.resolve("nofinal.csv");
        Files.writeString(noFinal, text.stripTrailing());
        DatasetCommitter c = new DatasetCommitter(key(1));
        byte[] root = c.commit(DATA).commitment().root();
        assertArrayEquals(root, c.commit(crlf).commitment().root());
        assertArrayEquals(root, c.commit(noFinal).commitment().root());
    }

    @Test
    void recordProofsVerifyAndTamperingIsDetected() throws Exception {
        DatasetCommitter c = new DatasetCommitter(key(3));
        var committed = c.commit(DATA);
        DatasetCommitment dc = committed.commitment();
        for (long i : new long[] {0, 1, 57, dc.recordCount() - 1}) {
            RecordProof p = c.prove(committed, DATA, i);
            assertTrue(p.verify(dc), "record " + i);
            RecordProof decoded = RecordProof.decode(p.encode());
            assertTrue(decoded.verify(dc));
            byte[] rec = p.record();
            rec[0] ^= 1;
            assertFalse(new RecordProof(i, p.treeSize(), p.salt(), rec, p.path()).verify(dc), "tampered record");
            assertFalse(new RecordProof(i, p.treeSize(), new byte[32], p.record(), p.path()).verify(dc), "wrong salt");
            assertFalse(new RecordProof(i, p.treeSize() + 1, p.salt(), p.record(), p.path()).verify(dc), "wrong size");
        }
        var other = new DatasetCommitter(key(4)).commit(DATA).commitment();
        assertFalse(c.prove(committed, DATA, 5).verify(other), "proof against another commitment");
        assertThrows(DatasetException.class, () -> c.prove(committed, DATA, dc.recordCount()));
    }

    @Test
    void changedFileAndEmptyRecordsAreNamed() throws Exception {
        Path f = tmp.resolve("d.csv");
        Files.writeString(f, "a,b\n1,2\n3,4\n5,6\n");
        DatasetCommitter c = new DatasetCommitter(key(5));
        var committed = c.commit(f);
        Files.writeString(f, "a,b\n1,2\n3,5\n5,6\n");
        var e = assertThrows(DatasetException.class, () -> c.prove(committed, f, 1));
        assertTrue(e.getMessage().contains("changed since it was committed"), e.getMessage());
        Files.writeString(f, "a,b\n1,2\n\n5,6\n");
        var e2 = assertThrows(DatasetException.class, () -> c.commit(f));
        assertTrue(e2.getMessage().contains("line 3 is empty"), e2.getMessage());
        Files.write(f, new byte[0]);
        assertTrue(assertThrows(DatasetException.class, () -> c.commit(f)).getMessage().contains("no header"));
        assertThrows(IllegalArgumentException.class, () -> RecordProof.decode("garbage\n1\n2\n"));
        assertThrows(IllegalArgumentException.class, () -> new DatasetCommitter(new byte[16]));
        String header = "a,b\n";
        Files.write(f, header.getBytes(StandardCharsets.UTF_8));
        assertEquals(0, c.commit(f).commitment().recordCount());
    }
}
