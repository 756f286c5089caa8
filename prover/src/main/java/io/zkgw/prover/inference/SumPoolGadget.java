package io.zkgw.prover.inference;

import static io.zkgw.prover.field.Goldilocks.add;

import io.zkgw.ir.IntOp;
import io.zkgw.ir.Window2d;
import io.zkgw.prover.VerificationException;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.poly.Mle;
import java.util.List;

/**
 * SumPool and GlobalSumPool as exact linear maps: y(r) = Σ_{(r, i) ∈ E} X(i) over a public edge list E.
 * At a random point (ρ_b, ρ_r) the prover states y~; one sumcheck Σ_u X~(ρ_b, u)·S(u) = y~ with the public
 * selection S(u) = Σ_{(r, i) ∈ E, L_X(i) = u} eq(ρ_r, r) reduces it to a claim on X.
 */
final class SumPoolGadget extends Gadget {
    /** Receives every summand: output row r, input position u. */
    @FunctionalInterface
    interface EdgeSink {
        void edge(int r, int u);
    }

    final int opIndex;
    final Circuit.Act in;
    final Circuit.Act out;
    final int outVars;
    final java.util.function.Consumer<EdgeSink> edges;
    final int batchVars;

    static SumPoolGadget window(Circuit c, String name, int op, Window2d win, Circuit.Act in, boolean chained) {
        int[] shape = {win.channels(), win.outH(), win.outW()};
        return new SumPoolGadget(c, name, op, in, shape, chained, f -> Windows.poolCells(win, in.pos, (r, w, u) -> {
            if (u >= 0) {
                f.edge(r, u);
            }
        }));
    }

    static SumPoolGadget global(Circuit c, String name, int op, IntOp.GlobalSumPool g, Circuit.Act in, boolean chained) {
        int plane = g.h() * g.w();
        return new SumPoolGadget(c, name, op, in, g.outShape(), chained, f -> {
            for (int ch = 0; ch < g.channels(); ch++) {
                for (int j = 0; j < plane; j++) {
                    f.edge(ch, in.pos[ch * plane + j]);
                }
            }
        });
    }

    SumPoolGadget(Circuit c, String name, int op, Circuit.Act in, int[] outShape, boolean chained,
            java.util.function.Consumer<EdgeSink> edges) {
        super(name);
        this.opIndex = op;
        this.in = in;
        this.edges = edges;
        this.batchVars = c.batchVars();
        int size = io.zkgw.ir.Shapes.size(outShape);
        this.outVars = Fx.log2Ceil(size);
        int y = c.tensor(name + " output", batchVars + outVars, !chained);
        this.out = new Circuit.Act(outShape, outVars, Circuit.Act.identity(size), y);
    }

    long[][] selection(ExtVector rhoR) {
        long[][] eq = Mle.eqTable(rhoR);
        long[] re = new long[1 << in.vars];
        long[] im = new long[1 << in.vars];
        edges.accept((r, u) -> {
            re[u] = add(re[u], eq[0][r]);
            im[u] = add(im[u], eq[1][r]);
        });
        return new long[][] {re, im};
    }

    Instance instance(ExtVector rhoB, MVal v, long[][] sel) {
        return new Instance(name, in.vars, Linear.PRODUCT, v,
                List.of(new Instance.Witness(in.tensor, rhoB), new Instance.Public("pooling selection", x -> Fx.evaluate(sel, x))));
    }

    @Override
    void verifyLinear(VerifierState s, Stage stage) throws VerificationException {
        Claims.Chain y = outputClaim(s, out.tensor, batchVars + outVars, "pool");
        ExtVector rho = y.point();
        MVal v = y.value();
        ExtVector rhoB = rho.slice(0, batchVars);
        stage.add(instance(rhoB, v, selection(rho.slice(batchVars, rho.size()))));
    }
}
