package io.zkgw.prover.inference;

import io.zkgw.inference.integer.Witness;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.poly.MleTable;
import io.zkgw.prover.sumcheck.SumOfProducts;

/** Helpers shared by the gadgets of linear ops. */
final class Linear {
    private Linear() {}

    static final SumOfProducts PRODUCT = SumOfProducts.product(2);

    /** Writes op outputs from the witnesses at their layout positions; padding stays 0. */
    static void fillFromWitness(ProverState s, Circuit.Act out, int opIndex) {
        long[] t = s.alloc(out.tensor);
        int per = 1 << out.vars;
        for (int b = 0; b < s.witnesses.size(); b++) {
            Witness w = s.witnesses.get(b);
            long[] v = w.outputs().get(opIndex);
            if (v.length != out.size) {
                throw new IllegalStateException("witness output of op " + opIndex + " has " + v.length + " values, expected " + out.size);
            }
            for (int i = 0; i < out.size; i++) {
                t[b * per + out.pos[i]] = Goldilocks.fromSigned(v[i]);
            }
        }
    }

    static MleTable table(long[][] t) {
        return MleTable.ofExt(t[0], t[1]);
    }
}
