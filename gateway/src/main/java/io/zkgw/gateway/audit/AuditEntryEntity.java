package io.zkgw.gateway.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One stored entry of the hash-chained audit log (commitments/audit's AuditEntry plus a timestamp). */
@Entity
@Table(name = "audit_entry")
public class AuditEntryEntity {
    @Id
    public long seq;

    @Column(name = "entry_type", nullable = false, length = 64)
    public String type;

    @Column(nullable = false)
    public byte[] payload;

    @Column(name = "prev_hash", nullable = false)
    public byte[] prevHash;

    @Column(name = "entry_hash", nullable = false)
    public byte[] hash;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
