package io.zkgw.gateway.model;

import io.zkgw.gateway.dataset.CommitmentStatus;
import io.zkgw.gateway.dataset.CommitmentRow;
import io.zkgw.gateway.db.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A registered integer model: its .zkm file under the data dir and its commitment (C_W, hash(D)). */
@Entity
@Table(name = "model")
public class ModelEntity extends CommitmentRow {
    @Id
    public UUID id;

    @Column(nullable = false, unique = true, length = 128)
    public String name;

    @Column(name = "dataset_id", nullable = false)
    public UUID datasetId;

    @Column(name = "zkm_path", nullable = false, length = 4096)
    public String zkmPath;

    @Column(name = "source_onnx_sha256", nullable = false, length = 64)
    public String sourceOnnxSha256;

    @Column(name = "integer_model_sha256", nullable = false, length = 64)
    public String integerModelSha256;

    @Column(name = "parameter_count", nullable = false)
    public long parameterCount;

    /** {@code ModelCommitment.encode()}: what CommitModel carries as weights_commitment. */
    @Column(name = "model_commitment", nullable = false)
    public byte[] modelCommitment;

    @Column(name = "circuit_hash", nullable = false)
    public byte[] circuitHash;

    /** Size in bytes of the encoded circuit description D (CommitModel's circuit_description). */
    @Column(name = "circuit_size", nullable = false)
    public int circuitSize;

    @Column(nullable = false)
    public long price;

    @Column(name = "policy_hash")
    public byte[] policyHash;

    @Column(name = "chain_model_id")
    public byte[] chainModelId;

    @Column(name = "registered_by", nullable = false, length = 256)
    public String registeredBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Override
    protected void ledgerId(byte[] id) {
        this.chainModelId = id;
    }
}
