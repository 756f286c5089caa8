package io.zkgw.commitments.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditLogTest {
    static AuditLog sample() {
        AuditLog log = new AuditLog();
        for (int i = 0; i < 10; i++) {
            log.append(i % 2 == 0 ? "CommitDataset" : "CommitModel", ("commitment " + i).getBytes(StandardCharsets.UTF_8));
        }
        return log;
    }

    @Test
    void exportParseVerify() {
        AuditLog log = sample();
        List<AuditEntry> parsed = AuditLog.parse(AuditLog.export(log.entries()));
        assertTrue(AuditLog.verify(parsed, log.head()).ok());
        assertEquals(AuditLog.export(log.entries()), AuditLog.export(parsed));
    }

    @Test
    void everyKindOfTamperingIsFoundAtTheRightEntry() {
        AuditLog log = sample();
        byte[] head = log.head();
        List<AuditEntry> e = log.entries();

        List<AuditEntry> edited = new ArrayList<>(e);
        AuditEntry x = e.get(3);
        edited.set(3, new AuditEntry(x.seq(), x.type(), "forged".getBytes(StandardCharsets.UTF_8), x.prevHash(), x.hash()));
        assertEquals(3, AuditLog.verify(edited, head).badIndex());

        List<AuditEntry> deleted = new ArrayList<>(e);
        deleted.remove(4);
        assertEquals(4, AuditLog.verify(deleted, head).badIndex());

        List<AuditEntry> swapped = new ArrayList<>(e);
        swapped.set(5, e.get(6));
        swapped.set(6, e.get(5));
        assertEquals(5, AuditLog.verify(swapped, head).badIndex());

        List<AuditEntry> truncated = e.subList(0, 8);
        assertFalse(AuditLog.verify(truncated, head).ok(), "truncation is caught by the anchored head");
        assertTrue(AuditLog.verify(truncated, null).ok(), "without an anchor a prefix is consistent");

        // rewriting the whole chain after an edit is only caught by the anchor
        AuditLog rewritten = new AuditLog();
        for (AuditEntry a : e) {
            rewritten.append(a.type(), a.seq() == 2 ? new byte[] {1} : a.payload());
        }
        assertTrue(AuditLog.verify(rewritten.entries(), null).ok());
        assertFalse(AuditLog.verify(rewritten.entries(), head).ok());
    }

    @Test
    void malformedExportsAreRejectedWithTheLine() {
        var ex = assertThrows(IllegalArgumentException.class, () -> AuditLog.parse("0\tX\t00\n"));
        assertTrue(ex.getMessage().contains("line 1"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AuditLog().append("bad\ttype", new byte[0]));
    }
}
