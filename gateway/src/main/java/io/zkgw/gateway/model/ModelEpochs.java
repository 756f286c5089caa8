package io.zkgw.gateway.model;

import io.zkgw.gateway.dataset.CommitmentStatus;
import io.zkgw.gateway.db.Timestamps;
import io.zkgw.prover.codec.DecodingException;
import io.zkgw.prover.inference.ModelCommitment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The proof budget of each model commitment: a job takes one slot of an epoch before it is proved
 * ({@link #reserve}), so no more than K proofs are ever made against one C_W, whatever crashes and
 * retries happen (a retried job keeps its epoch and re-proves to the same bytes). The next epoch is
 * committed ahead, once half of the newest epoch is taken, so that it is on the ledger before it is
 * needed and proving does not stall.
 */
@ApplicationScoped
public class ModelEpochs {
    @Inject
    Session session;

    @Inject
    ModelRegistry registry;

    /**
     * Takes a proof slot for the model: the oldest committed epoch with room. Empty when every committed
     * epoch is full (the next one is being published; try again shortly).
     */
    @Transactional
    public OptionalInt reserve(UUID modelId) {
        // the model row is the lock that serialises reservations of its epochs (PostgreSQL and H2)
        ModelEntity m = session.find(ModelEntity.class, modelId, LockModeType.PESSIMISTIC_WRITE);
        List<ModelEpochEntity> epochs = epochs(modelId);
        if (epochs.isEmpty()) {
            epochs = List.of(first(m));
        }
        ModelEpochEntity newest = epochs.getLast();
        if (newest.status == CommitmentStatus.COMMITTED && 2 * newest.proofsReserved >= newest.proofBudget) {
            next(m, newest);
        }
        Optional<ModelEpochEntity> slot = epochs.stream()
                .filter(e -> e.status == CommitmentStatus.COMMITTED && e.hasRoom()).findFirst();
        if (slot.isEmpty()) {
            return OptionalInt.empty();
        }
        ModelEpochEntity e = slot.get();
        e.proofsReserved++;
        e.updatedAt = Timestamps.now();
        return OptionalInt.of(e.epoch);
    }

    /**
     * The newest epoch of the model when the ledger refused it (publication REFUSED): then, once the committed
     * epochs are full, no slot will ever come ({@link #reserve} only commits ahead of a committed newest epoch,
     * and a refused publication is not sent again).
     */
    @Transactional
    public Optional<ModelEpochEntity> refusedNewest(UUID modelId) {
        List<ModelEpochEntity> epochs = epochs(modelId);
        return epochs.isEmpty() || epochs.getLast().status != CommitmentStatus.REFUSED ? Optional.empty() : Optional.of(epochs.getLast());
    }

    /** The committed model of one epoch, for proving. */
    @Transactional
    public ModelRegistry.Loaded loaded(UUID modelId, int epoch) {
        ModelEntity m = session.find(ModelEntity.class, modelId);
        if (epoch == 0) {
            return registry.get(modelId, Path.of(m.zkmPath), m.modelCommitment);
        }
        ModelEpochEntity e = epoch(modelId, epoch).orElseThrow(
                () -> new IllegalStateException("model " + modelId + " has no epoch " + epoch));
        return registry.get(modelId, epoch, Path.of(m.zkmPath), e.modelCommitment);
    }

    @Transactional
    public List<ModelEpochEntity> epochs(UUID modelId) {
        return session.createSelectionQuery("from ModelEpochEntity where modelId = :m order by epoch", ModelEpochEntity.class)
                .setParameter("m", modelId).getResultList();
    }

    @Transactional
    public Optional<ModelEpochEntity> epoch(UUID modelId, int epoch) {
        return session.createSelectionQuery("from ModelEpochEntity where modelId = :m and epoch = :e", ModelEpochEntity.class)
                .setParameter("m", modelId).setParameter("e", epoch).getResultList().stream().findFirst();
    }

    /** Epoch 0 is the CommitModel's commitment; its row is made on the first reservation. */
    private ModelEpochEntity first(ModelEntity m) {
        return insert(m.id, 0, m.modelCommitment, CommitmentStatus.COMMITTED);
    }

    /**
     * The next commitment, under the next epoch's blinding key, to be published by RecommitModel with its
     * epoch link from the newest one (a proof that both hold the same weights, made once and stored).
     */
    private void next(ModelEntity m, ModelEpochEntity newest) {
        int epoch = Math.addExact(newest.epoch, 1);
        // epoch 0's row holds the CommitModel's commitment, so one call serves every epoch
        ModelRegistry.Loaded previous = registry.get(m.id, newest.epoch, Path.of(m.zkmPath), newest.modelCommitment);
        ModelRegistry.Loaded l = registry.commitEpoch(m.id, epoch, Path.of(m.zkmPath), budgetOf(m.modelCommitment));
        ModelEpochEntity e = insert(m.id, epoch, l.committed().commitment().encode(), CommitmentStatus.REGISTERED);
        e.epochLink = previous.committed().linkTo(l.committed());
    }

    private ModelEpochEntity insert(UUID modelId, int epoch, byte[] commitment, CommitmentStatus status) {
        var now = Timestamps.now();
        ModelEpochEntity e = new ModelEpochEntity();
        e.id = UUID.randomUUID();
        e.modelId = modelId;
        e.epoch = epoch;
        e.modelCommitment = commitment;
        e.proofBudget = budgetOf(commitment);
        e.proofsReserved = 0;
        e.status = status;
        e.createdAt = now;
        e.updatedAt = now;
        session.persist(e);
        return e;
    }

    static int budgetOf(byte[] commitment) {
        try {
            return ModelCommitment.decode(commitment).proofBudget();
        } catch (DecodingException e) {
            throw new IllegalStateException("stored model commitment does not decode: " + e.getMessage(), e);
        }
    }
}
