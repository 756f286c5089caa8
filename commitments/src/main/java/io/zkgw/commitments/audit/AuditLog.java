package io.zkgw.commitments.audit;

import io.zkgw.commitments.Sha256;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * An append-only, hash-chained log. Any edit, deletion, insertion or reordering of an exported log is
 * detected by {@link #verify}, which names the first bad entry. The head hash is what the gateway
 * anchors (on the ledger or in a signed export) so truncation of the tail is detected too.
 */
public final class AuditLog {
    private final List<AuditEntry> entries = new ArrayList<>();

    public synchronized AuditEntry append(String type, byte[] payload) {
        if (type.isEmpty() || type.contains("\t") || type.contains("\n")) {
            throw new IllegalArgumentException("audit entry type must be non-empty without tabs or newlines");
        }
        AuditEntry e = AuditEntry.next(entries.isEmpty() ? null : entries.get(entries.size() - 1), type, payload);
        entries.add(e);
        return e;
    }

    public synchronized List<AuditEntry> entries() {
        return List.copyOf(entries);
    }

    public synchronized byte[] head() {
        return entries.isEmpty() ? AuditEntry.GENESIS.clone() : entries.get(entries.size() - 1).hash();
    }

    /** Result of verifying an exported log: ok, or the index of the first bad entry and why. */
    public record Verdict(boolean ok, long badIndex, String reason) {
        static Verdict good() {
            return new Verdict(true, -1, "");
        }
    }

    public static Verdict verify(List<AuditEntry> log, byte[] expectedHead) {
        byte[] prev = AuditEntry.GENESIS;
        for (int i = 0; i < log.size(); i++) {
            AuditEntry e = log.get(i);
            if (e.seq() != i) {
                return new Verdict(false, i, "sequence number " + e.seq() + " where " + i + " was expected");
            }
            if (!Arrays.equals(e.prevHash(), prev)) {
                return new Verdict(false, i, "previous-hash link broken");
            }
            if (!Arrays.equals(e.hash(), AuditEntry.chainHash(prev, e.seq(), e.type(), e.payload()))) {
                return new Verdict(false, i, "entry hash does not match its contents");
            }
            prev = e.hash();
        }
        if (expectedHead != null && !Arrays.equals(prev, expectedHead)) {
            return new Verdict(false, log.size(), "log ends before the anchored head (entries missing at the end)");
        }
        return Verdict.good();
    }

    /** Export: one entry per line, tab-separated seq, type, payload, prev, hash (hex). */
    public static String export(List<AuditEntry> log) {
        HexFormat hex = HexFormat.of();
        StringBuilder sb = new StringBuilder();
        for (AuditEntry e : log) {
            sb.append(e.seq()).append('\t').append(e.type()).append('\t').append(hex.formatHex(e.payload()))
                    .append('\t').append(Sha256.hex(e.prevHash())).append('\t').append(Sha256.hex(e.hash())).append('\n');
        }
        return sb.toString();
    }

    public static List<AuditEntry> parse(String text) {
        List<AuditEntry> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            String[] f = lines[i].split("\t", -1);
            if (f.length != 5) {
                throw new IllegalArgumentException("audit log line " + (i + 1) + " has " + f.length + " fields, expected 5");
            }
            try {
                out.add(new AuditEntry(Long.parseLong(f[0]), f[1], HexFormat.of().parseHex(f[2]),
                        Sha256.unhex(f[3], "line " + (i + 1) + " prev"), Sha256.unhex(f[4], "line " + (i + 1) + " hash")));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("audit log line " + (i + 1) + ": bad sequence number");
            }
        }
        return out;
    }
}
