package io.zkgw.gateway.dataset;

import io.zkgw.gateway.db.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A registered dataset: where the file is on the appliance and what was committed about it. */
@Entity
@Table(name = "dataset")
public class DatasetEntity implements Publishable {
    @Id
    public UUID id;

    @Column(nullable = false, unique = true, length = 128)
    public String name;

    @Column(name = "file_path", nullable = false, length = 4096)
    public String filePath;

    @Column(name = "file_size", nullable = false)
    public long fileSize;

    /** SHA-256 of the whole file at registration: detects a file changed after it was committed. */
    @Column(name = "file_sha256", nullable = false)
    public byte[] fileSha256;

    @Column(name = "merkle_root", nullable = false)
    public byte[] merkleRoot;

    @Column(name = "record_count", nullable = false)
    public long recordCount;

    @Column(name = "schema_hash", nullable = false)
    public byte[] schemaHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public CommitmentStatus status;

    @Column(name = "chain_dataset_id")
    public byte[] chainDatasetId;

    @Column(name = "commit_tx_hash", length = 64)
    public String commitTxHash;

    /** The signed CommitDataset, stored before its first broadcast (re-sent as is after a restart). */
    @Column(name = "commit_tx_bytes")
    public byte[] commitTxBytes;

    /** The ledger code of the last refused publication attempt, if any. */
    @Column(name = "commit_error", length = 64)
    public String commitError;

    @Column(name = "registered_by", nullable = false, length = 256)
    public String registeredBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Override
    public void signed(byte[] txBytes, String txHash, byte[] chainId) {
        this.commitTxBytes = txBytes;
        this.commitTxHash = txHash;
        this.chainDatasetId = chainId;
        this.commitError = null;
        this.status = CommitmentStatus.SUBMITTED;
        this.updatedAt = Timestamps.now();
    }

    @Override
    public void failed(String code, CommitmentStatus to) {
        this.commitTxBytes = null;
        this.commitTxHash = null;
        this.chainDatasetId = null;
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
