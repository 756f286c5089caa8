package io.zkgw.gateway.dataset;

import io.zkgw.gateway.db.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.MappedSuperclass;
import java.time.OffsetDateTime;

/**
 * The publication columns shared by every row whose commitment goes on the ledger as a
 * transaction (provider key, dataset, model, model epoch): status, the signed transaction stored before its
 * first broadcast, and the ledger code of the last refusal. The columns are {@code commit_*}; the provider
 * key's table names them {@code register_*} (attribute overrides).
 */
@MappedSuperclass
public abstract class CommitmentRow implements Publishable {
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public CommitmentStatus status;

    @Column(name = "commit_tx_hash", length = 64)
    public String commitTxHash;

    /** The signed transaction, stored before its first broadcast (re-sent as is after a restart). */
    @Column(name = "commit_tx_bytes")
    public byte[] commitTxBytes;

    /** The ledger code of the last refused publication attempt, if any. */
    @Column(name = "commit_error", length = 64)
    public String commitError;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The id the ledger gives the object when the transaction executes (null: none, or cleared). */
    protected abstract void ledgerId(byte[] id);

    @Override
    public void signed(byte[] txBytes, String txHash, byte[] chainId) {
        this.commitTxBytes = txBytes;
        this.commitTxHash = txHash;
        ledgerId(chainId);
        this.commitError = null;
        this.status = CommitmentStatus.SUBMITTED;
        this.updatedAt = Timestamps.now();
    }

    @Override
    public void failed(String code, CommitmentStatus to) {
        this.commitTxBytes = null;
        this.commitTxHash = null;
        ledgerId(null);
        this.commitError = code;
        this.status = to;
        this.updatedAt = Timestamps.now();
    }

    @Override
    public void committed() {
        this.status = CommitmentStatus.COMMITTED;
        this.updatedAt = Timestamps.now();
    }
}
