package io.zkgw.prover.inference;

import static io.zkgw.prover.field.Goldilocks.add;

import io.zkgw.ir.Witness;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.poly.Mle;
import io.zkgw.prover.poly.MleTable;
import java.util.List;

/**
 * The prover's half of every gadget: computing its witness tensors (fill) and its side of the linear
 * stages. Kept apart from the gadgets so that verifier code reaches no prover classes.
 */
final class GadgetProver {
    private GadgetProver() {}

    static void fill(Gadget g, ProverState s) {
        switch (g) {
            case DenseGadget d -> denseFill(d, s);
            case ConvGadget c -> convFill(c, s);
            case SumPoolGadget p -> poolFill(p, s);
            case MaxPoolGadget m -> maxPoolFill(m, s);
            case RequantGadget r -> requantFill(r, s);
        }
    }

    static void proveLinear(Gadget g, ProverState s, ProverStage stage) {
        switch (g) {
            case DenseGadget d -> denseLinear(d, s, stage);
            case ConvGadget c -> convLinear(c, s, stage);
            case SumPoolGadget p -> poolLinear(p, s, stage);
            case MaxPoolGadget m -> maxPoolLinear(m, s, stage);
            case RequantGadget r -> {
                // no linear relation
            }
        }
    }

    static void proveSecond(Gadget g, ProverState s, Stage first, ProverStage second) {
        if (g instanceof ConvGadget c) {
            convSecond(c, s, first, second);
        }
    }

    /** The prover's side of {@link Gadget#outputClaim}. */
    static Claims.Chain outputClaim(Gadget g, ProverState s, int tensor, int vars, String label) {
        if (s.circuit.isVirtual(tensor)) {
            return s.claims.chained.get(tensor);
        }
        ExtVector rho = s.transcript.challengeExts(label + "/point", vars);
        MVal v = s.out.masked(label + "/output", Mle.evaluate(s.tables[tensor], rho));
        s.claims.witness(tensor, rho, v, g.name);
        return new Claims.Chain(rho, v);
    }

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

    static void denseFill(DenseGadget g, ProverState s) {
        fillFromWitness(s, g.out, g.opIndex);
    }

    static void denseLinear(DenseGadget g, ProverState s, ProverStage stage) {
        Claims.Chain acc = outputClaim(g, s, g.out.tensor, g.batchVars + g.outVars, "dense");
        ExtVector rho = acc.point();
        MVal v = acc.value();
        ExtVector rhoB = rho.slice(0, g.batchVars);
        ExtVector rhoO = rho.slice(g.batchVars, rho.size());
        MVal vb = s.out.masked("dense/bias", Mle.evaluate(s.weights[g.bSeg], rhoO));
        s.claims.weight(g.bSeg, rhoO, vb, g.name);
        stage.add(g.instance(rhoB, rhoO, v, vb), List.of(table(Fx.foldPrefix(s.weights[g.wSeg], rhoO)),
                table(Fx.foldPrefix(s.tables[g.in.tensor], rhoB))));
    }

    static void convFill(ConvGadget g, ProverState s) {
        fillFromWitness(s, g.out, g.opIndex);
    }

    static void convLinear(ConvGadget g, ProverState s, ProverStage stage) {
        Claims.Chain acc = outputClaim(g, s, g.out.tensor, g.batchVars + g.ocVars + g.pVars, "conv");
        ExtVector rho = acc.point();
        MVal v = acc.value();
        ExtVector rhoB = rho.slice(0, g.batchVars);
        ExtVector rhoOc = rho.slice(g.batchVars, g.batchVars + g.ocVars);
        ExtVector rhoP = rho.slice(g.batchVars + g.ocVars, rho.size());
        MVal vb = s.out.masked("conv/bias", Mle.evaluate(s.weights[g.bSeg], rhoOc));
        s.claims.weight(g.bSeg, rhoOc, vb, g.name);
        long[][] xb = Fx.foldPrefix(s.tables[g.in.tensor], rhoB);
        long[][] eqP = Mle.eqTable(rhoP);
        long[] re = new long[1 << g.kVars];
        long[] im = new long[1 << g.kVars];
        Windows.im2col(g.win, g.in.pos, (k, p, u) -> {
            re[k] = add(re[k], Ext2.mulRe(eqP[0][p], eqP[1][p], xb[0][u], xb[1][u]));
            im[k] = add(im[k], Ext2.mulIm(eqP[0][p], eqP[1][p], xb[0][u], xb[1][u]));
        });
        int h = stage.add(g.first(rhoOc, v, vb, rhoP),
                List.of(table(Fx.foldPrefix(s.weights[g.wSeg], rhoOc)), table(new long[][] {re, im})));
        s.state.put(g, new ConvGadget.Pending(h, rhoB, rhoP));
    }

    static void convSecond(ConvGadget g, ProverState s, Stage first, ProverStage second) {
        ConvGadget.Pending pd = (ConvGadget.Pending) s.state.get(g);
        Stage.Result r = first.result(pd.handle());
        long[][] sel = g.selection(r.point(), pd.rhoP());
        second.add(g.second(pd, r, sel), List.of(table(Fx.foldPrefix(s.tables[g.in.tensor], pd.rhoB())), table(sel)));
    }

    static void poolFill(SumPoolGadget g, ProverState s) {
        fillFromWitness(s, g.out, g.opIndex);
    }

    static void poolLinear(SumPoolGadget g, ProverState s, ProverStage stage) {
        Claims.Chain y = outputClaim(g, s, g.out.tensor, g.batchVars + g.outVars, "pool");
        ExtVector rho = y.point();
        MVal v = y.value();
        ExtVector rhoB = rho.slice(0, g.batchVars);
        long[][] sel = g.selection(rho.slice(g.batchVars, rho.size()));
        stage.add(g.instance(rhoB, v, sel), List.of(table(Fx.foldPrefix(s.tables[g.in.tensor], rhoB)), table(sel)));
    }

    static void maxPoolFill(MaxPoolGadget g, ProverState s) {
        fillFromWitness(s, g.out, g.opIndex);
        long[] x = s.tables[g.in.tensor];
        long[] y = s.tables[g.out.tensor];
        long[] d = s.alloc(g.dTensor);
        int slots = 1 << g.batchVars;
        int perY = 1 << g.rVars;
        int perX = 1 << g.in.vars;
        boolean[][] hit = new boolean[slots][g.rows];
        Windows.poolCells(g.win, g.in.pos, (r, w, u) -> {
            for (int b = 0; b < slots; b++) {
                long v;
                if (u < 0) {
                    v = 1;
                } else {
                    long diff = Goldilocks.toSigned(y[b * perY + r]) - Goldilocks.toSigned(x[b * perX + u]);
                    if (diff < 0 && s.out.selfCheck) {
                        throw new IllegalStateException("witness inconsistent: " + g.name + " output " + r + " of batch item " + b
                                + " is below a cell of its window");
                    }
                    if (diff == 0) {
                        hit[b][r] = true;
                    }
                    v = Goldilocks.fromSigned(diff);
                }
                d[((w << g.batchVars) + b) * perY + r] = v;
            }
        });
        for (int b = 0; b < slots; b++) {
            for (int r = 0; r < g.rows; r++) {
                if (!hit[b][r] && s.out.selfCheck) {
                    throw new IllegalStateException("witness inconsistent: " + g.name + " output " + r + " of batch item " + b
                            + " is not the value of any cell of its window");
                }
            }
        }
    }

    static void maxPoolLinear(MaxPoolGadget g, ProverState s, ProverStage stage) {
        ExtVector rho = s.transcript.challengeExts("maxpool/point", g.wVars + g.batchVars + g.rVars);
        ExtVector rhoW = rho.slice(0, g.wVars);
        ExtVector rhoB = rho.slice(g.wVars, g.wVars + g.batchVars);
        ExtVector rhoR = rho.slice(g.wVars + g.batchVars, rho.size());
        MVal vd = s.out.masked("maxpool/differences", Mle.evaluate(s.tables[g.dTensor], rho));
        s.claims.witness(g.dTensor, rho, vd, g.name);
        MaxPoolGadget.Weights wt = g.weights(rhoW, rhoR);
        long[][] yb = Fx.foldPrefix(s.tables[g.out.tensor], rhoB);
        MVal c1 = s.out.masked("maxpool/rows", MaxPoolGadget.innerProduct(yb, wt.a()));
        MVal c2 = c1.add(wt.pad()).sub(vd);
        stage.add(g.rowsInstance(rhoB, c1, wt.a()), List.of(table(yb), table(wt.a())));
        stage.add(g.cellsInstance(rhoB, c2, wt.sel()),
                List.of(table(Fx.foldPrefix(s.tables[g.in.tensor], rhoB)), table(wt.sel())));
    }

    static void requantFill(RequantGadget g, ProverState s) {
        int per = 1 << g.in.vars;
        long[] a = s.tables[g.in.tensor];
        long[] y = s.alloc(g.out.tensor);
        long[] mult = new long[per];
        int[] real = new int[per];
        java.util.Arrays.fill(real, -1);
        for (int i = 0; i < g.in.size; i++) {
            real[g.in.pos[i]] = i;
            if (!g.isClamp) {
                mult[g.in.pos[i]] = g.m[i];
            }
        }
        long half = g.isClamp ? 0 : 1L << (g.k - 1);
        for (int b = 0; b < g.batchSlots; b++) {
            Witness w = s.witnesses.get(b);
            long[] yw = w.outputs().get(g.opIndex);
            for (int u = 0; u < per; u++) {
                int idx = b * per + u;
                long acc = Goldilocks.toSigned(a[idx]);
                long q;
                long r = 0;
                if (g.isClamp) {
                    q = acc;
                } else {
                    long v;
                    try {
                        v = Math.addExact(Math.multiplyExact(acc, mult[u]), half);
                    } catch (ArithmeticException e) {
                        throw new IllegalStateException(g.name + ": accumulator " + acc + " overflows the requantisation");
                    }
                    q = Math.floorDiv(v, 1L << g.k);
                    r = v - (q << g.k);
                }
                long yv = Math.min(g.hi, Math.max(g.lo, q));
                if (real[u] >= 0 && yw[real[u]] != yv && s.out.selfCheck) {
                    throw new IllegalStateException("witness inconsistent: " + g.name + " element " + real[u] + " of batch item "
                            + b + " is " + yw[real[u]] + ", the requantised accumulator gives " + yv);
                }
                // e± = the parts of q above and below y: for y = clamp(q) the honest values; a cheating
                // witness (self-checks off) with y = q gets e± = 0, so only the range check of y can object
                long used = real[u] >= 0 ? yw[real[u]] : yv;
                y[idx] = Goldilocks.fromSigned(used);
                s.putLimbs(g.rem, g.remBits, idx, r, g.name + " remainder");
                s.putLimbs(g.plus, g.plusBits, idx, Math.max(0, q - used), g.name + " e+");
                s.putLimbs(g.minus, g.minusBits, idx, Math.max(0, used - q), g.name + " e-");
            }
        }
    }
}
