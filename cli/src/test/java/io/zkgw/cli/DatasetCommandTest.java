package io.zkgw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.commitments.audit.AuditLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCommandTest {
    @TempDir
    Path tmp;

    @Test
    void commitProveVerifyOnARealDataset() throws Exception {
        Path data = ModelCommandTest.FIX.resolve("breast_cancer_test.csv");
        Path key = tmp.resolve("salt.key");
        assertEquals(0, ModelCommandTest.zkgw("dataset", "keygen", "--out", key.toString()).code());
        assertEquals(1, ModelCommandTest.zkgw("dataset", "keygen", "--out", key.toString()).code(), "no overwrite");
        var c = ModelCommandTest.zkgw("dataset", "commit", "--data", data.toString(), "--key-file", key.toString());
        assertEquals(0, c.code(), c.err());
        String root = field(c.out(), "root");
        String schema = field(c.out(), "schema");
        assertEquals("143", field(c.out(), "records"));
        Path proof = tmp.resolve("p.txt");
        assertEquals(0, ModelCommandTest.zkgw("dataset", "prove", "--data", data.toString(), "--key-file",
                key.toString(), "--record", "42", "--out", proof.toString()).code());
        var ok = ModelCommandTest.zkgw("dataset", "verify", "--root", root, "--records", "143", "--schema", schema,
                "--proof", proof.toString());
        assertEquals(0, ok.code(), ok.err());
        var wrong = ModelCommandTest.zkgw("dataset", "verify", "--root", root, "--records", "144", "--schema", schema,
                "--proof", proof.toString());
        assertEquals(1, wrong.code());
        assertTrue(wrong.err().contains("does NOT match"), wrong.err());
    }

    @Test
    void auditVerifyNamesTheBadEntry() throws Exception {
        AuditLog log = new AuditLog();
        for (int i = 0; i < 5; i++) {
            log.append("CommitModel", new byte[] {(byte) i});
        }
        Path f = tmp.resolve("audit.tsv");
        Files.writeString(f, AuditLog.export(log.entries()));
        String head = java.util.HexFormat.of().formatHex(log.head());
        assertEquals(0, ModelCommandTest.zkgw("audit", "verify", "--log", f.toString(), "--head", head).code());
        Files.writeString(f, AuditLog.export(log.entries()).replaceFirst("\t03\t", "\t07\t"));
        var bad = ModelCommandTest.zkgw("audit", "verify", "--log", f.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("entry 3"), bad.err());
    }

    private static String field(String out, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\s+(\\S+)$").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }
}
