package io.zkgw.prover.pcs.tensor;

import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.pcs.EvalClaim;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Claims grouped by evaluation point, in order of first appearance. Claims at the same point share the
 * tensor vectors (a, b), so their rows combine into one evaluation row of the proof. A weighted claim
 * (explicit column weights) groups with weighted claims of the same weights only.
 */
record ClaimGroups(List<Key> keys, List<List<Integer>> members) {
    /** What claims of one group share: a point, or explicit weights. */
    record Key(ExtVector point, ExtVector weights) {}

    static ClaimGroups of(List<EvalClaim> claims) {
        Map<Key, List<Integer>> byPoint = new LinkedHashMap<>();
        for (int i = 0; i < claims.size(); i++) {
            EvalClaim c = claims.get(i);
            byPoint.computeIfAbsent(new Key(c.point(), c.weights()), p -> new ArrayList<>()).add(i);
        }
        return new ClaimGroups(List.copyOf(byPoint.keySet()), byPoint.values().stream().map(List::copyOf).toList());
    }

    int size() {
        return keys.size();
    }
}
