package io.zkgw.gateway.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The single row holding the log's next sequence number and head hash; locked while appending. */
@Entity
@Table(name = "audit_head")
public class AuditHeadEntity {
    public static final int ID = 1;

    @Id
    public int id;

    @Column(name = "next_seq", nullable = false)
    public long nextSeq;

    /** Null for the empty log. */
    @Column(name = "head_hash")
    public byte[] headHash;

    /** The head hash: the last entry's hash, or 32 zero bytes for the empty log. */
    public byte[] head() {
        return headHash == null ? io.zkgw.commitments.audit.AuditEntry.GENESIS.clone() : headHash.clone();
    }
}
