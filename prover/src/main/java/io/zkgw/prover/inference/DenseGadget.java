package io.zkgw.prover.inference;

import io.zkgw.ir.IntOp;
import io.zkgw.prover.VerificationException;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.Goldilocks;
import java.util.List;

/**
 * Dense: acc(o) = Σ_u W*(o, u)·X(u) + b(o), with W* laid out against the input's layout
 * (W*[o, L_X(i)] = W[o, i], zero elsewhere). At a random point (ρ_b, ρ_o) the prover states acc~ and
 * b~(ρ_o); one sumcheck over u reduces Σ_u W*~(ρ_o, u)·X~(ρ_b, u) = acc~ − b~ to claims on W* and X.
 */
final class DenseGadget extends Gadget {
    final int opIndex;
    final Circuit.Act in;
    final Circuit.Act out;
    final int inN;
    final int outN;
    final int outVars;
    final int wSeg;
    final int bSeg;
    final int batchVars;

    DenseGadget(Circuit c, String name, int op, CircuitDescription.Dense d, Circuit.Act in, boolean chained) {
        super(name);
        this.opIndex = op;
        this.in = in;
        this.inN = d.in();
        this.outN = d.out();
        this.outVars = Fx.log2Ceil(outN);
        this.batchVars = c.batchVars();
        int acc = c.tensor(name + " accumulator", batchVars + outVars, !chained);
        this.out = new Circuit.Act(new int[] {outN}, outVars, Circuit.Act.identity(outN), acc);
        this.wSeg = c.weight(name + " W*", outVars + in.vars);
        this.bSeg = c.weight(name + " b", outVars);
    }

    /** The weight segments of this layer in proof layout. */
    void weightTables(IntOp.Dense op, long[][] segs) {
        long[] w = new long[1 << (outVars + in.vars)];
        for (int o = 0; o < outN; o++) {
            for (int i = 0; i < inN; i++) {
                w[(o << in.vars) + in.pos[i]] = Goldilocks.fromSigned(op.w()[o * inN + i]);
            }
        }
        long[] b = new long[1 << outVars];
        for (int o = 0; o < outN; o++) {
            b[o] = Goldilocks.fromSigned(op.b()[o]);
        }
        segs[wSeg] = w;
        segs[bSeg] = b;
    }

    Instance instance(ExtVector rhoB, ExtVector rhoO, MVal v, MVal vb) {
        return new Instance(name, in.vars, Linear.PRODUCT, v.sub(vb),
                List.of(new Instance.Weight(wSeg, rhoO), new Instance.Witness(in.tensor, rhoB)));
    }

    @Override
    void verifyLinear(VerifierState s, Stage stage) throws VerificationException {
        Claims.Chain acc = outputClaim(s, out.tensor, batchVars + outVars, "dense");
        ExtVector rho = acc.point();
        MVal v = acc.value();
        ExtVector rhoB = rho.slice(0, batchVars);
        ExtVector rhoO = rho.slice(batchVars, rho.size());
        MVal vb = s.in.masked("dense/bias");
        s.claims.weight(bSeg, rhoO, vb, name);
        stage.add(instance(rhoB, rhoO, v, vb));
    }
}
