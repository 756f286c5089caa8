package io.zkgw.prover.inference;

import static io.zkgw.prover.field.Goldilocks.add;

import io.zkgw.ir.IntOp;
import io.zkgw.ir.Window2d;
import io.zkgw.prover.VerificationException;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.poly.Mle;
import java.util.List;

/**
 * Conv as a matrix product over hypercube variables: acc(oc, p) = Σ_k W*(oc, k)·Xcol(k, p) + b(oc)·R(p),
 * acc laid out [OC', P'] (P = outH·outW, R the indicator of real positions), Xcol the im2col gather.
 * First sumcheck over k at a random (ρ_b, ρ_oc, ρ_p) ends in W*~(ρ_oc, σ) and Xcol~(ρ_b, σ, ρ_p); the second
 * reduces the latter to X~(ρ_b, σ') through the public selection S(u) = Σ_{k,p: idx(k,p)=u} eq(σ,k)·eq(ρ_p,p).
 */
final class ConvGadget extends Gadget {
    final int opIndex;
    final Window2d win;
    final int outC;
    final int kernel;
    final int positions;
    final int ocVars;
    final int pVars;
    final int kVars;
    final Circuit.Act in;
    final Circuit.Act out;
    final int wSeg;
    final int bSeg;
    final int batchVars;

    record Pending(int handle, ExtVector rhoB, ExtVector rhoP) {}

    ConvGadget(Circuit c, String name, int op, CircuitDescription.Conv d, Circuit.Act in, boolean chained) {
        super(name);
        this.opIndex = op;
        this.win = d.win();
        this.outC = d.outC();
        this.kernel = d.kernelSize();
        this.positions = win.outH() * win.outW();
        this.ocVars = Fx.log2Ceil(outC);
        this.pVars = Fx.log2Ceil(positions);
        this.kVars = Fx.log2Ceil(kernel);
        this.in = in;
        this.batchVars = c.batchVars();
        int[] pos = new int[outC * positions];
        for (int oc = 0; oc < outC; oc++) {
            for (int p = 0; p < positions; p++) {
                pos[oc * positions + p] = (oc << pVars) + p;
            }
        }
        int acc = c.tensor(name + " accumulator", batchVars + ocVars + pVars, !chained);
        this.out = new Circuit.Act(d.outShape(), ocVars + pVars, pos, acc);
        this.wSeg = c.weight(name + " W*", ocVars + kVars);
        this.bSeg = c.weight(name + " b", ocVars);
    }

    void weightTables(IntOp.Conv op, long[][] segs) {
        long[] w = new long[1 << (ocVars + kVars)];
        for (int oc = 0; oc < outC; oc++) {
            for (int k = 0; k < kernel; k++) {
                w[(oc << kVars) + k] = Goldilocks.fromSigned(op.w()[oc * kernel + k]);
            }
        }
        long[] b = new long[1 << ocVars];
        for (int oc = 0; oc < outC; oc++) {
            b[oc] = Goldilocks.fromSigned(op.b()[oc]);
        }
        segs[wSeg] = w;
        segs[bSeg] = b;
    }

    Instance first(ExtVector rhoOc, MVal v, MVal vb, ExtVector rhoP) {
        Ext2 real = Fx.prefixIndicator(rhoP, positions);
        return new Instance(name + " kernel sum", kVars, Linear.PRODUCT, v.sub(vb.mul(real)),
                List.of(new Instance.Weight(wSeg, rhoOc), new Instance.Virtual()));
    }

    @Override
    void verifyLinear(VerifierState s, Stage stage) throws VerificationException {
        Claims.Chain acc = outputClaim(s, out.tensor, batchVars + ocVars + pVars, "conv");
        ExtVector rho = acc.point();
        MVal v = acc.value();
        ExtVector rhoB = rho.slice(0, batchVars);
        ExtVector rhoOc = rho.slice(batchVars, batchVars + ocVars);
        ExtVector rhoP = rho.slice(batchVars + ocVars, rho.size());
        MVal vb = s.in.masked("conv/bias");
        s.claims.weight(bSeg, rhoOc, vb, name);
        int h = stage.add(first(rhoOc, v, vb, rhoP));
        s.state.put(this, new Pending(h, rhoB, rhoP));
    }

    /** S(u) = Σ_{(k,p) in bounds, L_X(idx(k,p)) = u} eq(σ, k)·eq(ρ_p, p). */
    long[][] selection(ExtVector sigma, ExtVector rhoP) {
        long[][] eqK = Mle.eqTable(sigma);
        long[][] eqP = Mle.eqTable(rhoP);
        long[] re = new long[1 << in.vars];
        long[] im = new long[1 << in.vars];
        Windows.im2col(win, in.pos, (k, p, u) -> {
            re[u] = add(re[u], Ext2.mulRe(eqK[0][k], eqK[1][k], eqP[0][p], eqP[1][p]));
            im[u] = add(im[u], Ext2.mulIm(eqK[0][k], eqK[1][k], eqP[0][p], eqP[1][p]));
        });
        return new long[][] {re, im};
    }

    Instance second(Pending pd, Stage.Result r, long[][] sel) {
        return new Instance(name + " im2col", in.vars, Linear.PRODUCT, r.mval(1),
                List.of(new Instance.Witness(in.tensor, pd.rhoB()), new Instance.Public("im2col selection", x -> Fx.evaluate(sel, x))));
    }

    @Override
    void verifySecond(VerifierState s, Stage first, Stage second) {
        Pending pd = (Pending) s.state.get(this);
        Stage.Result r = first.result(pd.handle());
        second.add(second(pd, r, selection(r.point(), pd.rhoP())));
    }
}
