package io.zkgw.prover.poly;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.Goldilocks;

/** Univariate helpers: evaluation of a polynomial given by its values at 0, 1, .., d. */
public final class Univariate {
    private Univariate() {}

    /**
     * The value at r of the unique polynomial of degree ≤ d with the given values at 0..d (Lagrange).
     * Uses prefix/suffix products of (r - k), so r may coincide with a node.
     */
    public static Ext2 evaluateFromNodes(Ext2[] values, Ext2 r) {
        int d = values.length - 1;
        if (d < 0) {
            throw new IllegalArgumentException("no values");
        }
        Ext2[] diff = new Ext2[d + 1];
        for (int k = 0; k <= d; k++) {
            diff[k] = r.sub(Ext2.ofBase(k));
        }
        Ext2[] prefix = new Ext2[d + 2];
        Ext2[] suffix = new Ext2[d + 2];
        prefix[0] = Ext2.ONE;
        for (int k = 0; k <= d; k++) {
            prefix[k + 1] = prefix[k].mul(diff[k]);
        }
        suffix[d + 1] = Ext2.ONE;
        for (int k = d; k >= 0; k--) {
            suffix[k] = suffix[k + 1].mul(diff[k]);
        }
        Ext2 acc = Ext2.ZERO;
        for (int j = 0; j <= d; j++) {
            // Denominator Π_{k≠j} (j - k) = j! · (d - j)! · (-1)^(d - j).
            long den = 1;
            for (int k = 0; k <= d; k++) {
                if (k != j) {
                    den = Goldilocks.mul(den, Goldilocks.fromSigned(j - k));
                }
            }
            Ext2 w = prefix[j].mul(suffix[j + 1]).mulBase(Goldilocks.inv(den));
            acc = acc.add(w.mul(values[j]));
        }
        return acc;
    }
}
