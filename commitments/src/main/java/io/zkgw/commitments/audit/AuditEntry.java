package io.zkgw.commitments.audit;

import io.zkgw.commitments.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One entry of the audit log: sequence number, event type, the event's canonical payload (commitments,
 * hashes, ids — never patient values), and the hash chaining it to the previous entry:
 * hash = SHA-256("zkgw/audit/v1" ‖ prev ‖ seq ‖ len(type) ‖ type ‖ len(payload) ‖ payload).
 */
public record AuditEntry(long seq, String type, byte[] payload, byte[] prevHash, byte[] hash) {
    static final byte[] DOMAIN = "zkgw/audit/v1".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] GENESIS = new byte[32];

    public AuditEntry {
        payload = payload.clone();
        prevHash = prevHash.clone();
        hash = hash.clone();
    }

    public static byte[] chainHash(byte[] prev, long seq, String type, byte[] payload) {
        byte[] t = type.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + t.length + 4);
        b.putLong(seq).putInt(t.length).put(t).putInt(payload.length);
        return Sha256.hash(DOMAIN, prev, b.array(), payload);
    }

    public static AuditEntry next(AuditEntry prev, String type, byte[] payload) {
        long seq = prev == null ? 0 : prev.seq() + 1;
        byte[] p = prev == null ? GENESIS : prev.hash();
        return new AuditEntry(seq, type, payload, p, chainHash(p, seq, type, payload));
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public byte[] prevHash() {
        return prevHash.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }
}
