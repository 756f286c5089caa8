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
public class DatasetEntity extends CommitmentRow {
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

    @Column(name = "chain_dataset_id")
    public byte[] chainDatasetId;

    @Column(name = "registered_by", nullable = false, length = 256)
    public String registeredBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Override
    protected void ledgerId(byte[] id) {
        this.chainDatasetId = id;
    }
}
