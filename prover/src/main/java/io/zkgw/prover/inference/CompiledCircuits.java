package io.zkgw.prover.inference;

import io.zkgw.prover.hash.Digest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The verifier's compiled circuits, by hash(D), batch size, proof mode and proof budget. Compiling D and checking
 * its soundness target took 0.1–0.8 ms per proof of the fixtures (docs/performance.md, "The verifier's compiled
 * circuits"), a few per cent of verifying a small model's proof, and a ledger verifies many proofs of few models. A
 * circuit is a function of (D, B) alone and is not changed once compiled, so one may serve every proof of that D
 * and B; hash(D) stands for D (collision resistance). Bounded (least recently used out first): a miss costs only the
 * compilation, and the answer never depends on what is cached.
 */
final class CompiledCircuits {
    static final int CAPACITY = 32;

    private record Key(Digest circuit, int batch, ProofMode mode, int budget) {}

    private static final Map<Key, Circuit> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Circuit> eldest) {
            return size() > CAPACITY;
        }
    };

    private CompiledCircuits() {}

    /**
     * D compiled for a batch of B, its soundness target checked for the mode and budget.
     *
     * @throws IllegalArgumentException when D cannot be compiled for B or misses the soundness target (never cached)
     */
    static Circuit get(CircuitDescription d, int batch, ProofMode mode, int budget) {
        Key key = new Key(d.hash(), batch, mode, budget);
        synchronized (CACHE) {
            Circuit hit = CACHE.get(key);
            if (hit != null) {
                return hit;
            }
        }
        // compiled outside the lock: two threads may both compile the same key, and either result serves
        Circuit c = Circuit.compile(d, batch);
        Soundness.of(c, mode, budget).requireTarget(batch);
        synchronized (CACHE) {
            CACHE.putIfAbsent(key, c);
        }
        return c;
    }

    /** Entries held (tests). */
    static int size() {
        synchronized (CACHE) {
            return CACHE.size();
        }
    }
}
