package io.zkgw.gateway.chain;

import io.zkgw.gateway.audit.AuditService;
import io.zkgw.gateway.dataset.CommitmentStatus;
import io.zkgw.gateway.dataset.DatasetEntity;
import io.zkgw.gateway.dataset.Publishable;
import io.zkgw.gateway.keys.ProviderKeyEntity;
import io.zkgw.gateway.model.ModelEntity;
import io.zkgw.gateway.model.ModelEpochEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The database side of publishing commitments: each method is one transaction on one row, so a signed
 * transaction is durably recorded before {@link CommitmentPublisher} broadcasts it.
 */
@ApplicationScoped
public class PublicationStore {
    private static final HexFormat HEX = HexFormat.of();

    @Inject
    Session session;

    @Inject
    AuditService audit;

    /** What is to be published, or being published, and what it needs. */
    public enum Kind { PROVIDER, DATASET, MODEL, EPOCH }

    /** A row's publication state (a snapshot; the row is re-read under each write). */
    public record Item(Kind kind, UUID id, CommitmentStatus status, String txHash, byte[] txBytes) {
        String label() {
            return kind.name().toLowerCase() + " " + id;
        }
    }

    @Transactional
    public List<Item> pending(Kind kind) {
        String entity = switch (kind) {
            case PROVIDER -> "ProviderKeyEntity";
            case DATASET -> "DatasetEntity";
            case MODEL -> "ModelEntity";
            case EPOCH -> "ModelEpochEntity";
        };
        return session.createSelectionQuery("select id, status, commitTxHash, commitTxBytes from " + entity
                        + " where status in (:s) order by createdAt, id", Object[].class)
                .setParameter("s", List.of(CommitmentStatus.REGISTERED, CommitmentStatus.SUBMITTED))
                .getResultList().stream()
                .map(r -> new Item(kind, (UUID) r[0], (CommitmentStatus) r[1], (String) r[2], (byte[]) r[3]))
                .toList();
    }

    /** Records a signed transaction (status SUBMITTED) before its first broadcast. */
    @Transactional
    public void recordSigned(Item item, Ledger.SignedTx tx, byte[] chainId, String providerAddress) {
        row(item).signed(tx.bytes(), tx.hash(), chainId);
        if (item.kind() == Kind.PROVIDER) {
            session.find(ProviderKeyEntity.class, item.id()).chainAddress = providerAddress;
        }
    }

    /** The transaction is in a block with code 0 (or, for the provider, the ledger holds our key). */
    @Transactional
    public void recordCommitted(Item item, long height, String providerAddress) {
        row(item).committed();
        switch (item.kind()) {
            case PROVIDER -> {
                ProviderKeyEntity e = session.find(ProviderKeyEntity.class, item.id());
                e.chainAddress = providerAddress;
                audit.append("provider_registered", "key=" + e.id + "\naddress=" + providerAddress + "\ntx=" + e.commitTxHash
                        + "\nheight=" + height + "\n");
            }
            case DATASET -> {
                DatasetEntity e = session.find(DatasetEntity.class, item.id());
                audit.append("dataset_committed", "dataset=" + e.id + "\nchain_dataset_id=" + HEX.formatHex(e.chainDatasetId)
                        + "\nmerkle_root=" + HEX.formatHex(e.merkleRoot) + "\ntx=" + e.commitTxHash + "\nheight=" + height + "\n");
            }
            case MODEL -> {
                ModelEntity e = session.find(ModelEntity.class, item.id());
                audit.append("model_committed", "model=" + e.id + "\nchain_model_id=" + HEX.formatHex(e.chainModelId)
                        + "\ntx=" + e.commitTxHash + "\nheight=" + height + "\n");
            }
            case EPOCH -> {
                ModelEpochEntity e = session.find(ModelEpochEntity.class, item.id());
                audit.append("model_recommitted", "model=" + e.modelId + "\nepoch=" + e.epoch + "\nproof_budget=" + e.proofBudget
                        + "\ntx=" + e.commitTxHash + "\nheight=" + height + "\n");
            }
        }
    }

    /**
     * The recorded transaction can never execute: back to REGISTERED to be signed anew ({@code refused}
     * false, e.g. its sequence number went to another transaction), or REFUSED with the ledger's code.
     */
    @Transactional
    public void recordFailed(Item item, String code, boolean refused) {
        row(item).failed(code, refused ? CommitmentStatus.REFUSED : CommitmentStatus.REGISTERED);
        if (refused) {
            audit.append("publication_refused", "item=" + item.label() + "\ncode=" + code + "\n");
        }
    }

    private Publishable row(Item item) {
        return switch (item.kind()) {
            case PROVIDER -> session.find(ProviderKeyEntity.class, item.id());
            case DATASET -> session.find(DatasetEntity.class, item.id());
            case MODEL -> session.find(ModelEntity.class, item.id());
            case EPOCH -> session.find(ModelEpochEntity.class, item.id());
        };
    }

    @Transactional
    public ModelEpochEntity epoch(UUID id) {
        return session.find(ModelEpochEntity.class, id);
    }

    @Transactional
    public ProviderKeyEntity provider(UUID id) {
        return session.find(ProviderKeyEntity.class, id);
    }

    @Transactional
    public DatasetEntity dataset(UUID id) {
        return session.find(DatasetEntity.class, id);
    }

    @Transactional
    public ModelEntity model(UUID id) {
        return session.find(ModelEntity.class, id);
    }

    /** Whether the provider key's registration is on the ledger (commitments need a registered provider). */
    @Transactional
    public boolean providerCommitted() {
        return !session.createSelectionQuery("from ProviderKeyEntity where status = :s", ProviderKeyEntity.class)
                .setParameter("s", CommitmentStatus.COMMITTED).setMaxResults(1).getResultList().isEmpty();
    }
}
