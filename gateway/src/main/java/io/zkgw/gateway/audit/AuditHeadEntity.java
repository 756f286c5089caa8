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

    @Column(name = "head_hash", nullable = false)
    public byte[] headHash;
}
