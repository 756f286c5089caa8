package io.zkgw.prover.inference;

import static io.zkgw.prover.field.Goldilocks.add;

import io.zkgw.ir.Window2d;
import io.zkgw.prover.VerificationException;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.poly.Mle;
import java.util.List;

/**
 * MaxPool. Committed: y (row-major) and the differences d, laid out [W', B', R'] (window cell, batch
 * slot, output row): d(w, b, r) = y(b, r) − X(b, cell) for a real cell, 1 for a padding cell (padding never
 * wins), 0 for w ≥ kH·kW and for padding rows. Checked: d ∈ [0, 2^bd) by lookups (bd = bits of the input
 * range's width); Π_w d(w, ·) = 0 and padRow·y = 0 at every (b, r) by a zero-check (some real cell equals
 * y, padding rows of y are 0); and the linear relation defining d at a random point, which splits into a
 * sumcheck on y and one on X with public weights.
 */
final class MaxPoolGadget extends Gadget {
    final int opIndex;
    final Window2d win;
    final Circuit.Act in;
    final Circuit.Act out;
    final int rows;
    final int rVars;
    final int cells;
    final int wVars;
    final int dTensor;
    final int diffBits;
    final int batchVars;

    MaxPoolGadget(Circuit c, String name, int op, Window2d win, Circuit.Act in, long[] inRange) {
        super(name);
        this.opIndex = op;
        this.win = win;
        this.in = in;
        this.batchVars = c.batchVars();
        this.rows = win.channels() * win.outH() * win.outW();
        this.rVars = Fx.log2Ceil(rows);
        this.cells = win.kH() * win.kW();
        this.wVars = Fx.log2Ceil(cells);
        int y = c.tensor(name + " output", batchVars + rVars);
        this.out = new Circuit.Act(new int[] {win.channels(), win.outH(), win.outW()}, rVars, Circuit.Act.identity(rows), y);
        this.dTensor = c.tensor(name + " differences", wVars + batchVars + rVars);
        this.diffBits = Math.max(1, Fx.bitLength(inRange[1] - inRange[0]));

        int nv = batchVars + rVars;
        ZeroCheck zc = c.zeroCheck(name + " maximum", nv);
        int[] prod = new int[cells];
        for (int w = 0; w < cells; w++) {
            prod[w] = zc.committedSlice(dTensor, w, wVars);
        }
        zc.constraint(List.of(new ZeroCheck.Mono(1, prod)));
        int pad = zc.publicTable(name + " padding rows", this::padRows);
        zc.constraint(List.of(new ZeroCheck.Mono(1, new int[] {pad, zc.committed(y)})));
        ZeroCheck ties = c.zeroCheck(name + " difference limbs", wVars + nv);
        c.range(name + " differences", wVars + nv, Affine.of(dTensor), diffBits, ties);
    }

    long[] padRows() {
        int per = 1 << rVars;
        long[] t = new long[per << batchVars];
        for (int b = 0; b < 1 << batchVars; b++) {
            for (int r = rows; r < per; r++) {
                t[b * per + r] = 1;
            }
        }
        return t;
    }

    /** Public weights of the linear check at (ρ_w, ρ_r): A over rows, S over input positions, and Cpad. */
    record Weights(long[][] a, long[][] sel, Ext2 pad) {}

    Weights weights(ExtVector rhoW, ExtVector rhoR) {
        long[][] eqW = Mle.eqTable(rhoW);
        long[][] eqR = Mle.eqTable(rhoR);
        long[] aRe = new long[1 << rVars];
        long[] aIm = new long[1 << rVars];
        long[] sRe = new long[1 << in.vars];
        long[] sIm = new long[1 << in.vars];
        long[] pad = new long[2];
        Windows.poolCells(win, in.pos, (r, w, u) -> {
            long e0 = Ext2.mulRe(eqW[0][w], eqW[1][w], eqR[0][r], eqR[1][r]);
            long e1 = Ext2.mulIm(eqW[0][w], eqW[1][w], eqR[0][r], eqR[1][r]);
            if (u < 0) {
                pad[0] = add(pad[0], e0);
                pad[1] = add(pad[1], e1);
            } else {
                aRe[r] = add(aRe[r], e0);
                aIm[r] = add(aIm[r], e1);
                sRe[u] = add(sRe[u], e0);
                sIm[u] = add(sIm[u], e1);
            }
        });
        return new Weights(new long[][] {aRe, aIm}, new long[][] {sRe, sIm}, new Ext2(pad[0], pad[1]));
    }

    Instance rowsInstance(ExtVector rhoB, MVal c1, long[][] a) {
        return new Instance(name + " rows", rVars, Linear.PRODUCT, c1,
                List.of(new Instance.Witness(out.tensor, rhoB), new Instance.Public("window weights", x -> Fx.evaluate(a, x))));
    }

    Instance cellsInstance(ExtVector rhoB, MVal c2, long[][] sel) {
        return new Instance(name + " cells", in.vars, Linear.PRODUCT, c2,
                List.of(new Instance.Witness(in.tensor, rhoB), new Instance.Public("cell selection", x -> Fx.evaluate(sel, x))));
    }

    static Ext2 innerProduct(long[][] a, long[][] b) {
        long s0 = 0;
        long s1 = 0;
        for (int i = 0; i < a[0].length; i++) {
            s0 = add(s0, Ext2.mulRe(a[0][i], a[1][i], b[0][i], b[1][i]));
            s1 = add(s1, Ext2.mulIm(a[0][i], a[1][i], b[0][i], b[1][i]));
        }
        return new Ext2(s0, s1);
    }

    @Override
    void verifyLinear(VerifierState s, Stage stage) throws VerificationException {
        ExtVector rho = s.transcript.challengeExts("maxpool/point", wVars + batchVars + rVars);
        ExtVector rhoW = rho.slice(0, wVars);
        ExtVector rhoB = rho.slice(wVars, wVars + batchVars);
        ExtVector rhoR = rho.slice(wVars + batchVars, rho.size());
        MVal vd = s.in.masked("maxpool/differences");
        s.claims.witness(dTensor, rho, vd, name);
        Weights wt = weights(rhoW, rhoR);
        MVal c1 = s.in.masked("maxpool/rows");
        MVal c2 = c1.add(wt.pad()).sub(vd);
        stage.add(rowsInstance(rhoB, c1, wt.a()));
        stage.add(cellsInstance(rhoB, c2, wt.sel()));
    }
}
