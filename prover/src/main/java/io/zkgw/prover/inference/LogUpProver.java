package io.zkgw.prover.inference;

import static io.zkgw.prover.field.Goldilocks.sub;

import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.poly.Mle;
import io.zkgw.prover.poly.MleTable;
import java.util.List;
import java.util.Map;

/** The prover's side of {@link LogUp}. */
final class LogUpProver {
    private LogUpProver() {}


    /** Computes the looked-up column and the multiplicities (before the witness is committed). */
    static void fillMultiplicities(ProverState s) {
        Circuit c = s.circuit;
        if (c.multTensor() < 0) {
            return;
        }
        PolyLayout layout = c.lookupLayout();
        int n = c.lookupVars();
        long[] a = new long[1 << n];
        long bound = 1L << c.limbBits();
        long[] count = new long[(int) bound];
        for (int seg = 0; seg < c.lookups().size(); seg++) {
            Circuit.LookupSeg ls = c.lookups().get(seg);
            int off = layout.offset(seg);
            for (int u = 0; u < 1 << ls.numVars(); u++) {
                long v = ls.expr().at(s.tables, u);
                if (Long.compareUnsigned(v, bound) >= 0 && s.out.selfCheck) {
                    throw new IllegalStateException("witness out of range: lookup " + ls.name() + " at index " + u
                            + " has value " + Goldilocks.toSigned(v) + ", outside [0, 2^" + c.limbBits() + ")");
                }
                a[off + u] = v;
            }
        }
        for (long v : a) {
            if (Long.compareUnsigned(v, bound) < 0) {
                count[(int) v]++;
            }
        }
        long[] m = s.alloc(c.multTensor());
        for (int t = 0; t < m.length; t++) {
            m[t] = Goldilocks.fromLong(count[t]);
        }
        s.state.put(LogUp.class, a);
    }

    static void prove(ProverState s) {
        Circuit c = s.circuit;
        if (c.multTensor() < 0) {
            return;
        }
        Ext2 beta = s.transcript.challengeExt("logup/beta");
        long[] a = (long[]) s.state.get(LogUp.class);
        int n = a.length;
        long[] ones = new long[n];
        java.util.Arrays.fill(ones, 1);
        long[] qRe = new long[n];
        long[] qIm = new long[n];
        for (int i = 0; i < n; i++) {
            qRe[i] = sub(beta.c0(), a[i]);
            qIm[i] = beta.c1();
        }
        long[] m = s.tables[c.multTensor()];
        int tn = m.length;
        long[] tRe = new long[tn];
        long[] tIm = new long[tn];
        for (int t = 0; t < tn; t++) {
            tRe[t] = sub(beta.c0(), t);
            tIm[t] = beta.c1();
        }
        List<LogUp.Walk> walks = List.of(new LogUp.Walk("lookups", Mle.numVars(n)), new LogUp.Walk("table", Mle.numVars(tn)));
        List<long[][][]> all = List.of(layers(ones, new long[n], qRe, qIm), layers(m, new long[tn], tRe, tIm));
        List<LogUp.TreeEnd> ends;
        if (s.out.zk == null) {
            ends = proveTrees(walks, all, s.out);
        } else {
            // the roots' children as constant tables of a masked one-variable stage (LogUp.rootsInstance)
            List<MleTable> children = new java.util.ArrayList<>();
            for (long[][][] tree : all) {
                long[][] top = tree[1];
                children.add(constant(top[0][0], top[1][0]));
                children.add(constant(top[0][1], top[1][1]));
                children.add(constant(top[2][0], top[3][0]));
                children.add(constant(top[2][1], top[3][1]));
            }
            ProverStage root = new ProverStage("fraction tree roots");
            int h = root.add(LogUp.rootsInstance(), children);
            root.prove(s.out, new Claims());
            LogUp.startFromRoots(walks, root.result(h), s.transcript.challengeExt("logup/mu"));
            proveLayers(walks, all, s.out);
            ends = walks.stream().map(LogUp.Walk::end).toList();
        }
        LogUp.TreeEnd lk = ends.get(0);
        LogUp.TreeEnd tb = ends.get(1);
        try {
            LogUp.leafClaims(c, beta, lk, tb, s.claims, s.out.zk,
                    (tensor, pt) -> s.out.masked("logup/column", Mle.evaluate(s.tables[tensor], pt)));
        } catch (io.zkgw.prover.VerificationException e) {
            if (s.out.selfCheck) {
                throw new IllegalStateException("prover self-check failed: " + e.getMessage(), e);
            }
        }
    }

    private static MleTable constant(long re, long im) {
        return MleTable.ofExt(new long[] {re, re}, new long[] {im, im});
    }

    /** Fraction layers of one tree: layers[j] = {pRe, pIm, qRe, qIm} with 2^j entries; layers[n] = leaves. */
    private static long[][][] layers(long[] pRe, long[] pIm, long[] qRe, long[] qIm) {
        int n = Mle.numVars(pRe.length);
        long[][][] layers = new long[n + 1][][];
        layers[n] = new long[][] {pRe, pIm, qRe, qIm};
        for (int j = n - 1; j >= 0; j--) {
            long[][] below = layers[j + 1];
            int size = 1 << j;
            long[] npr = new long[size];
            long[] npi = new long[size];
            long[] nqr = new long[size];
            long[] nqi = new long[size];
            for (int x = 0; x < size; x++) {
                int l = 2 * x;
                int r = 2 * x + 1;
                long a0 = Ext2.mulRe(below[0][l], below[1][l], below[2][r], below[3][r]);
                long a1 = Ext2.mulIm(below[0][l], below[1][l], below[2][r], below[3][r]);
                long b0 = Ext2.mulRe(below[0][r], below[1][r], below[2][l], below[3][l]);
                long b1 = Ext2.mulIm(below[0][r], below[1][r], below[2][l], below[3][l]);
                npr[x] = Goldilocks.add(a0, b0);
                npi[x] = Goldilocks.add(a1, b1);
                nqr[x] = Ext2.mulRe(below[2][l], below[3][l], below[2][r], below[3][r]);
                nqi[x] = Ext2.mulIm(below[2][l], below[3][l], below[2][r], below[3][r]);
            }
            layers[j] = new long[][] {npr, npi, nqr, nqi};
        }
        return layers;
    }

    /**
     * Reduces several fraction trees together: the roots' children are sent, then layer j of every tree
     * deeper than j is reduced in one batched sumcheck (shared λ, point and μ).
     */
    private static List<LogUp.TreeEnd> proveTrees(List<LogUp.Walk> walks, List<long[][][]> layers, ProofSink out) {
        for (int i = 0; i < walks.size(); i++) {
            long[][] top = layers.get(i)[1];
            ExtVector v = ExtVector.of(new Ext2(top[0][0], top[1][0]), new Ext2(top[0][1], top[1][1]), new Ext2(top[2][0], top[3][0]),
                    new Ext2(top[2][1], top[3][1]));
            out.exts("logup/" + walks.get(i).what + "/top", v);
            walks.get(i).top(v);
        }
        Ext2 mu = out.transcript().challengeExt("logup/mu");
        walks.forEach(w -> w.start(mu));
        proveLayers(walks, layers, out);
        return walks.stream().map(LogUp.Walk::end).toList();
    }

    private static void proveLayers(List<LogUp.Walk> walks, List<long[][][]> layers, ProofSink out) {
        int depth = walks.stream().mapToInt(w -> w.depth).max().orElseThrow();
        for (int j = 1; j < depth; j++) {
            Ext2 lambda = out.transcript().challengeExt("logup/lambda");
            ProverStage stage = new ProverStage("fraction layer " + j);
            for (int i = 0; i < walks.size(); i++) {
                LogUp.Walk w = walks.get(i);
                if (w.depth <= j) {
                    continue;
                }
                long[][] below = layers.get(i)[j + 1];
                int size = 1 << j;
                long[][] split = new long[8][size];
                for (int x = 0; x < size; x++) {
                    for (int f = 0; f < 4; f++) {
                        split[2 * f][x] = below[f][2 * x];
                        split[2 * f + 1][x] = below[f][2 * x + 1];
                    }
                }
                long[][] eq = Mle.eqTable(w.rho);
                // split: 0 pL.re 1 pR.re 2 pL.im 3 pR.im 4 qL.re 5 qR.re 6 qL.im 7 qR.im
                w.handle = stage.add(LogUp.layerInstance(w.what, j, w.rho, lambda, w.cp, w.cq), List.of(MleTable.ofExt(eq[0], eq[1]),
                        MleTable.ofExt(split[0], split[2]), MleTable.ofExt(split[1], split[3]), MleTable.ofExt(split[4], split[6]),
                        MleTable.ofExt(split[5], split[7])));
            }
            stage.prove(out, new Claims(), false); // the layers are computed from each other: claims hold by construction
            Ext2 nmu = out.transcript().challengeExt("logup/mu");
            for (LogUp.Walk w : walks) {
                if (w.depth > j) {
                    w.next(stage.result(w.handle), nmu);
                }
            }
        }
    }

}
