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
 * weights). After a restart a model is re-committed from its .zkm file with its blinding key
 * ({@link ModelBlindingKey}), and the result must equal the
 * commitment stored at registration: a .zkm file changed on disk is refused, never proved against.
 */
@ApplicationScoped
public class ModelRegistry {
    /** A loaded model: the committed integer model and its card. */
    public record Loaded(CommittedModel committed, ZkmFile.Loaded file) {}

    private final Map<UUID, Loaded> loaded = new ConcurrentHashMap<>();

    @Inject
    ModelBlindingKey blinding;

    public void put(UUID id, Loaded model) {
        loaded.put(id, model);
    }

    /** The model, loading and re-committing its .zkm file if it is not in memory. */
    public Loaded get(UUID id, Path zkm, byte[] expectedCommitment) {
        return loaded.computeIfAbsent(id, k -> {
            ZkmFile.Loaded f = ZkmFile.read(zkm);
            CommittedModel c = CommittedModel.commit(f.model(), blinding.forModel(id));
            if (!Arrays.equals(c.commitment().encode(), expectedCommitment)) {
                throw new IllegalStateException("model file " + zkm + " no longer matches the commitment registered for model " + id);
            }
            return new Loaded(c, f);
        });
    }

    public void evict(UUID id) {
        loaded.remove(id);
    }
}
