package io.zkgw.prover.pcs.tensor;

import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.pcs.EvalClaim;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Claims grouped by evaluation point, in order of first appearance. Claims at the same point share the
 * tensor vectors (a, b), so their rows combine into one evaluation row of the proof.
 */
record ClaimGroups(List<ExtVector> points, List<List<Integer>> members) {
    static ClaimGroups of(List<EvalClaim> claims) {
        Map<ExtVector, List<Integer>> byPoint = new LinkedHashMap<>();
        for (int i = 0; i < claims.size(); i++) {
            byPoint.computeIfAbsent(claims.get(i).point(), p -> new ArrayList<>()).add(i);
        }
        return new ClaimGroups(List.copyOf(byPoint.keySet()), byPoint.values().stream().map(List::copyOf).toList());
    }

    int size() {
        return points.size();
    }
}
