package io.zkgw.gateway.model;

import io.zkgw.gateway.keys.ModelBlindingKey;
import io.zkgw.inference.card.ZkmFile;
import io.zkgw.prover.inference.CommittedModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The committed models the prover works with, kept in memory (committing costs a pass over the
 * weights), one per model and commitment epoch. After a restart a model is re-committed from its .zkm
 * file with its blinding key for that epoch ({@link ModelBlindingKey}), and the result must equal the
 * commitment stored at registration: a .zkm file changed on disk is refused, never proved against.
 */
@ApplicationScoped
public class ModelRegistry {
    /** A loaded model: the committed integer model and its card. */
    public record Loaded(CommittedModel committed, ZkmFile.Loaded file) {}

    private record Key(UUID id, int epoch) {}

    /** Epochs older than the newest one minus this are dropped from memory (they are re-committed on demand). */
    private static final int EPOCHS_KEPT = 2;

    private final Map<Key, Loaded> loaded = new ConcurrentHashMap<>();

    @Inject
    ModelBlindingKey blinding;

    public void put(UUID id, Loaded model) {
        loaded.put(new Key(id, 0), model);
    }

    /** Epoch 0 of the model (the one registered), loading and re-committing its .zkm file if needed. */
    public Loaded get(UUID id, Path zkm, byte[] expectedCommitment) {
        return get(id, 0, zkm, expectedCommitment);
    }

    /** The model committed under {@code epoch}'s key, checked against that epoch's stored commitment. */
    public Loaded get(UUID id, int epoch, Path zkm, byte[] expectedCommitment) {
        return loaded.computeIfAbsent(new Key(id, epoch), k -> {
            ZkmFile.Loaded f = file(id, zkm);
            CommittedModel c = CommittedModel.commit(f.model(), blinding.forModel(id, epoch), ModelEpochs.budgetOf(expectedCommitment));
            if (!Arrays.equals(c.commitment().encode(), expectedCommitment)) {
                throw new IllegalStateException("model file " + zkm + " no longer matches the commitment registered for model "
                        + id + " epoch " + epoch);
            }
            return new Loaded(c, f);
        });
    }

    /** A fresh commitment of the model under {@code epoch}'s key with proof budget K (kept for proving). */
    public Loaded commitEpoch(UUID id, int epoch, Path zkm, int proofBudget) {
        ZkmFile.Loaded f = file(id, zkm);
        Loaded l = new Loaded(CommittedModel.commit(f.model(), blinding.forModel(id, epoch), proofBudget), f);
        loaded.put(new Key(id, epoch), l);
        loaded.keySet().removeIf(k -> k.id().equals(id) && k.epoch() != 0 && k.epoch() < epoch - EPOCHS_KEPT);
        return l;
    }

    private ZkmFile.Loaded file(UUID id, Path zkm) {
        Loaded first = loaded.get(new Key(id, 0));
        return first != null ? first.file() : ZkmFile.read(zkm);
    }

    public void evict(UUID id) {
        loaded.keySet().removeIf(k -> k.id().equals(id));
    }
}
