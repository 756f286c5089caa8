package io.zkgw.gateway.chain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** The last ledger height whose requests were taken into jobs; catch-up after downtime starts after it. */
@Entity
@Table(name = "chain_cursor")
public class ChainCursorEntity {
    @Id
    @Column(length = 64)
    public String name;

    @Column(nullable = false)
    public long height;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
