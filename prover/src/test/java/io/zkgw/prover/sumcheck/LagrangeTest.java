package io.zkgw.prover.sumcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zkgw.prover.field.Ext2;
import org.junit.jupiter.api.Test;

/** The Lagrange basis on 0..d that every sumcheck verifier and prover interpolates round polynomials with. */
class LagrangeTest {
    @Test
    void interpolatesACubicOffAndOnTheNodes() {
        // s(X) = 3 + 2X + 5X^2 + X^3 from its values at 0..3
        Ext2[] vals = new Ext2[4];
        for (int t = 0; t < 4; t++) {
            vals[t] = Ext2.ofBase(3 + 2L * t + 5L * t * t + (long) t * t * t);
        }
        Ext2 r = new Ext2(11, 13);
        Ext2 expect = Ext2.ofBase(3).add(r.mulBase(2)).add(r.square().mulBase(5)).add(r.square().mul(r));
        assertEquals(expect, Lagrange.combine(vals, Lagrange.of(3).basis(r)));
        assertEquals(vals[2], Lagrange.combine(vals, Lagrange.of(3).basis(Ext2.ofBase(2))));
        // and extends it past the nodes with base-field weights
        long[] w = Lagrange.of(3).atInteger(5);
        Ext2 at5 = Ext2.ZERO;
        for (int i = 0; i <= 3; i++) {
            at5 = at5.add(vals[i].mulBase(w[i]));
        }
        assertEquals(Ext2.ofBase(3 + 10 + 125 + 125), at5);
    }

    @Test
    void integerWeightsAreTheBasisAtThatIntegerInsideAndPastTheCachedRangeAndOnTheNodes() {
        for (int d : new int[] {0, 1, 2, 3, 7, 62, 63, 64, 70}) {
            Lagrange l = Lagrange.of(d);
            for (int k : new int[] {0, d, d + 1, d + 2, 63, 64, 65, 200}) {
                Ext2[] b = l.basis(Ext2.ofBase(k));
                long[] w = l.atInteger(k);
                assertEquals(d + 1, w.length, "d " + d + " k " + k);
                for (int i = 0; i <= d; i++) {
                    assertEquals(Ext2.ofBase(w[i]), b[i], "d " + d + " k " + k + " i " + i);
                }
            }
        }
    }
}
