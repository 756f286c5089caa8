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

/**
 * One commitment C_W of a model and how many of its K proofs are taken. Epoch 0 is the model's own
 * CommitModel (its row is COMMITTED with the model); later epochs are published as RecommitModel.
 */
@Entity
@Table(name = "model_epoch")
public class ModelEpochEntity extends CommitmentRow {
    @Id
    public UUID id;

    @Column(name = "model_id", nullable = false)
    public UUID modelId;

    @Column(nullable = false)
    public int epoch;

    /** {@code ModelCommitment.encode()} of this epoch (blinding key of the model and epoch). */
    @Column(name = "model_commitment", nullable = false)
    public byte[] modelCommitment;

    /** The link from the previous epoch's commitment to this one (same weights); null for epoch 0. */
    @Column(name = "epoch_link")
    public byte[] epochLink;

    @Column(name = "proof_budget", nullable = false)
    public int proofBudget;

    /** Proofs made (or being made) against this commitment; never above {@link #proofBudget}. */
    @Column(name = "proofs_reserved", nullable = false)
    public int proofsReserved;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    public boolean hasRoom() {
        return proofsReserved < proofBudget;
    }

    @Override
    protected void ledgerId(byte[] id) {
        // an epoch keeps the model's ledger id
    }
}
