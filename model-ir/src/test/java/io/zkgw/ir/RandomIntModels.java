package io.zkgw.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random valid integer models: random shapes and weights, edge values, multipliers that saturate. */
public final class RandomIntModels {
    private RandomIntModels() {}

    public static long edgy(Random r, long lo, long hi) {
        int c = r.nextInt(6);
        if (c == 0) {
            return lo;
        }
        if (c == 1) {
            return hi;
        }
        return lo + (long) (r.nextDouble() * (hi - lo + 1));
    }

    private static long[] weights(Random r, int n) {
        long[] w = new long[n];
        for (int i = 0; i < n; i++) {
            w[i] = edgy(r, -128, 127);
        }
        return w;
    }

    /** A requantisation whose output spans and overflows [lo, hi], so both clamp sides are exercised. */
    private static IntOp.Requant requant(Random r, int[] shape, long accMag, boolean relu, int bits) {
        long q = (1L << (bits - 1)) - 1;
        long[] m = new long[Shapes.size(shape)];
        long base = 1 + r.nextInt(1 << 20);
        boolean perElement = r.nextBoolean();
        for (int i = 0; i < m.length; i++) {
            m[i] = perElement ? 1 + r.nextInt(1 << 20) : base;
        }
        int prodBits = 64 - Long.numberOfLeadingZeros(Math.max(1, accMag) * (1L << 20));
        int k = Math.max(1, Math.min(62, prodBits - (bits - 1) - 1 - r.nextInt(3)));
        return new IntOp.Requant(shape, m, k, relu ? 0 : -q - 1, q);
    }

    /** Typical accumulator magnitude of a sum of n int8 × activation products (random signs: ~√n). */
    private static long typical(long q, int n) {
        return (long) (40 * (q + 1) * Math.sqrt(n));
    }

    public static IntModel generate(Random r) {
        int bits = r.nextInt(4) == 0 ? 16 : 8;
        long q = (1L << (bits - 1)) - 1;
        List<IntOp> ops = new ArrayList<>();
        int[] shape;
        int[] inShape;
        if (r.nextBoolean()) {
            int c = 1 + r.nextInt(3);
            int h = 3 + r.nextInt(6);
            int w = 3 + r.nextInt(6);
            inShape = new int[] {c, h, w};
            shape = inShape;
            int convs = 1 + r.nextInt(2);
            for (int i = 0; i < convs; i++) {
                int kh = 1 + r.nextInt(Math.min(3, shape[1]));
                int kw = 1 + r.nextInt(Math.min(3, shape[2]));
                Window2d win = new Window2d(shape[0], shape[1], shape[2], kh, kw, 1 + r.nextInt(2), 1 + r.nextInt(2),
                        r.nextInt(kh), r.nextInt(kw), r.nextInt(kh), r.nextInt(kw));
                int oc = 1 + r.nextInt(4);
                int k = shape[0] * kh * kw;
                IntOp.Conv conv = new IntOp.Conv(win, oc, weights(r, oc * k), weights(r, oc));
                ops.add(conv);
                shape = conv.outShape();
                ops.add(requant(r, shape, typical(q, k), r.nextBoolean(), bits));
                int pool = r.nextInt(4);
                if (pool > 0 && shape[1] >= 2 && shape[2] >= 2) {
                    Window2d pw = new Window2d(shape[0], shape[1], shape[2], 2, 2, 1 + r.nextInt(2), 1 + r.nextInt(2),
                            r.nextInt(2), r.nextInt(2), r.nextInt(2), r.nextInt(2));
                    if (pool == 1) {
                        ops.add(new IntOp.MaxPool(pw));
                        shape = ops.get(ops.size() - 1).outShape();
                    } else {
                        ops.add(new IntOp.SumPool(pw));
                        shape = ops.get(ops.size() - 1).outShape();
                        ops.add(requant(r, shape, 4 * (q + 1), false, bits));
                    }
                }
                if (r.nextInt(3) == 0) {
                    ops.add(new IntOp.Clamp(shape, 0, q));
                }
            }
            if (r.nextBoolean()) {
                ops.add(new IntOp.GlobalSumPool(shape[0], shape[1], shape[2]));
                shape = ops.get(ops.size() - 1).outShape();
                ops.add(requant(r, shape, (long) 64 * (q + 1), false, bits));
            }
            ops.add(new IntOp.Reshape(shape, new int[] {Shapes.size(shape)}));
            shape = new int[] {Shapes.size(shape)};
        } else {
            inShape = new int[] {1 + r.nextInt(24)};
            shape = inShape;
        }
        int dense = 1 + r.nextInt(3);
        for (int i = 0; i < dense; i++) {
            int in = shape[0];
            int out = 1 + r.nextInt(12);
            ops.add(new IntOp.Dense(in, out, weights(r, in * out), weights(r, out)));
            shape = new int[] {out};
            ops.add(requant(r, shape, typical(q, in), i < dense - 1 && r.nextBoolean(), bits));
        }
        return new IntModel(inShape, -q - 1, q, ops);
    }

    public static long[] input(Random r, IntModel m) {
        long[] x = new long[m.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = edgy(r, m.inLo(), m.inHi());
        }
        return x;
    }
}
