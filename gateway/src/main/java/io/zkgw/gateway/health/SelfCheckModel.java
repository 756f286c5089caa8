package io.zkgw.gateway.health;

import io.zkgw.ir.IntModel;
import io.zkgw.ir.IntOp;
import java.util.List;

/** A fixed 8→4→2 integer MLP with ReLU for the prover self-check (public, made-up weights, no patient data). */
final class SelfCheckModel {
    private SelfCheckModel() {}

    static IntModel build() {
        long[] w1 = new long[8 * 4];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = (i * 37 % 15) - 7;
        }
        long[] w2 = new long[4 * 2];
        for (int i = 0; i < w2.length; i++) {
            w2[i] = (i * 11 % 9) - 4;
        }
        return new IntModel(new int[] {8}, -128, 127, List.of(
                new IntOp.Dense(8, 4, w1, new long[] {3, -2, 1, 0}),
                new IntOp.Requant(new int[] {4}, new long[] {1 << 20, 1 << 20, 1 << 20, 1 << 20}, 24, 0, 127),
                new IntOp.Dense(4, 2, w2, new long[] {5, -5})));
    }
}
