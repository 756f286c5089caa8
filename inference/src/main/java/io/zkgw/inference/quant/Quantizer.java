package io.zkgw.inference.quant;

import io.zkgw.ir.IntModel;
import io.zkgw.ir.IntOp;
import io.zkgw.inference.model.FloatModel;
import io.zkgw.inference.model.FloatOp;
import io.zkgw.ir.Shapes;
import io.zkgw.ir.Window2d;
import java.util.ArrayList;
import java.util.List;

/**
 * Post-training quantisation (see docs/quantisation.md): symmetric scales with zero point 0;
 * int8 weights per output channel; activations int8 (or int16) with scales from the maximum magnitude
 * seen on the calibration set; int32 biases at the accumulator scale; requantisation
 * clamp((acc·M + 2^(k−1)) >> k) with ReLU folded into the clamp.
 */
public final class Quantizer {
    private static final int WEIGHT_MAX = 127;

    private Quantizer() {}

    public static QuantizedModel quantize(FloatModel fm, double[][] calibration, QuantConfig cfg) {
        if (calibration.length == 0) {
            throw new QuantizationException("calibration set is empty");
        }
        double[] maxAbs = calibrate(fm, calibration);
        long qa = (1L << (cfg.activationBits() - 1)) - 1;
        long qo = (1L << (cfg.outputBits() - 1)) - 1;

        double s = scaleFor(maxAbs[0], qa, 1.0);
        double inScale = s;
        long lo = -qa - 1;
        long hi = qa;
        long inLo = lo;
        long inHi = hi;
        List<IntOp> ops = new ArrayList<>();
        int lastLinear = -1;
        for (int i = 0; i < fm.ops().size(); i++) {
            if (fm.ops().get(i) instanceof FloatOp.Dense || fm.ops().get(i) instanceof FloatOp.Conv2d) {
                lastLinear = i;
            }
        }
        for (int i = 0; i < fm.ops().size(); i++) {
            FloatOp op = fm.ops().get(i);
            boolean isOutputLayer = i == lastLinear && onlyShapeOpsAfter(fm, i);
            long q = isOutputLayer ? qo : qa;
            String where = "layer " + i + " (" + op.describe() + ")";
            switch (op) {
                case FloatOp.Dense d -> {
                    Linear l = linear(where, d.w(), d.b(), d.out(), d.in(), s);
                    double sOut = scaleFor(maxAbs[i + 1], q, l.maxAccScale());
                    ops.add(new IntOp.Dense(d.in(), d.out(), l.w, l.b));
                    ops.add(requant(where, new int[] {d.out()}, l.accScale, 1, sOut, d.relu() ? 0 : -q - 1, q, cfg));
                    s = sOut;
                    lo = d.relu() ? 0 : -q - 1;
                    hi = q;
                }
                case FloatOp.Conv2d c -> {
                    Window2d w = c.win();
                    int k = w.channels() * w.kH() * w.kW();
                    Linear l = linear(where, c.w(), c.b(), c.outC(), k, s);
                    double sOut = scaleFor(maxAbs[i + 1], q, l.maxAccScale());
                    ops.add(new IntOp.Conv(w, c.outC(), l.w, l.b));
                    ops.add(requant(where, c.outShape(), l.accScale, w.outH() * w.outW(), sOut,
                            c.relu() ? 0 : -q - 1, q, cfg));
                    s = sOut;
                    lo = c.relu() ? 0 : -q - 1;
                    hi = q;
                }
                case FloatOp.MaxPool m -> ops.add(new IntOp.MaxPool(m.win()));
                case FloatOp.AvgPool a -> {
                    Window2d w = a.win();
                    ops.add(new IntOp.SumPool(w));
                    double[] mult = new double[w.channels() * w.outH() * w.outW()];
                    for (int c = 0; c < w.channels(); c++) {
                        for (int oy = 0; oy < w.outH(); oy++) {
                            for (int ox = 0; ox < w.outW(); ox++) {
                                int n = a.countIncludePad() ? w.kH() * w.kW() : w.realCount(oy, ox);
                                mult[(c * w.outH() + oy) * w.outW() + ox] = 1.0 / n;
                            }
                        }
                    }
                    ops.add(requantExact(where, a.outShape(), mult, lo, hi, cfg));
                }
                case FloatOp.GlobalAvgPool g -> {
                    ops.add(new IntOp.GlobalSumPool(g.channels(), g.h(), g.w()));
                    double[] mult = new double[g.channels()];
                    java.util.Arrays.fill(mult, 1.0 / (g.h() * g.w()));
                    ops.add(requantExact(where, g.outShape(), mult, lo, hi, cfg));
                }
                case FloatOp.Relu r -> {
                    ops.add(new IntOp.Clamp(r.shape(), 0, hi));
                    lo = Math.max(lo, 0);
                }
                case FloatOp.Reshape r -> ops.add(new IntOp.Reshape(r.from(), r.to()));
            }
        }
        IntModel im;
        try {
            im = new IntModel(fm.inputShape(), inLo, inHi, ops);
        } catch (IllegalArgumentException e) {
            throw new QuantizationException("quantised model is out of the integer format's range: " + e.getMessage());
        }
        QuantSpec spec = new QuantSpec(fm.inputMul(), fm.inputAdd(), inScale, inLo, inHi, s, fm.transform(),
                cfg.activationBits(), cfg.outputBits());
        return new QuantizedModel(im, spec);
    }

    private static boolean onlyShapeOpsAfter(FloatModel fm, int i) {
        for (int j = i + 1; j < fm.ops().size(); j++) {
            if (!(fm.ops().get(j) instanceof FloatOp.Reshape)) {
                return false;
            }
        }
        return true;
    }

    /** Maximum |value| of the normalised input and of every layer output over the calibration rows. */
    static double[] calibrate(FloatModel fm, double[][] rows) {
        double[] maxAbs = new double[fm.ops().size() + 1];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != fm.inputSize()) {
                throw new QuantizationException("calibration row " + (r + 1) + " has " + rows[r].length
                        + " values; the model input has " + fm.inputSize());
            }
            List<double[]> t = fm.trace(rows[r]);
            for (int i = 0; i < t.size(); i++) {
                for (double v : t.get(i)) {
                    if (!Double.isFinite(v)) {
                        throw new QuantizationException("calibration row " + (r + 1) + " drives "
                                + (i == 0 ? "the input" : "layer " + (i - 1)) + " to a non-finite value");
                    }
                    maxAbs[i] = Math.max(maxAbs[i], Math.abs(v));
                }
            }
        }
        return maxAbs;
    }

    private static double scaleFor(double maxAbs, long q, double fallback) {
        return maxAbs > 0 ? maxAbs / q : fallback;
    }

    private record Linear(long[] w, long[] b, double[] accScale) {
        double maxAccScale() {
            double m = 0;
            for (double v : accScale) {
                m = Math.max(m, v);
            }
            return m > 0 ? m : 1;
        }
    }

    /** Per-output-channel symmetric int8 weights and int32 biases at scale sIn·sW[c]. */
    private static Linear linear(String where, double[] w, double[] b, int out, int perOut, double sIn) {
        long[] wq = new long[w.length];
        long[] bq = new long[out];
        double[] accScale = new double[out];
        for (int o = 0; o < out; o++) {
            double m = 0;
            for (int i = 0; i < perOut; i++) {
                m = Math.max(m, Math.abs(w[o * perOut + i]));
            }
            // the weight scale also keeps the bias inside 2^30 when weights are tiny or zero
            double sw = Math.max(m / WEIGHT_MAX, Math.abs(b[o]) / (sIn * (1L << 30)));
            if (sw == 0) {
                sw = 1;
            }
            for (int i = 0; i < perOut; i++) {
                wq[o * perOut + i] = (long) Math.rint(w[o * perOut + i] / sw);
            }
            accScale[o] = sIn * sw;
            double bv = Math.rint(b[o] / accScale[o]);
            if (Math.abs(bv) >= (1L << 31)) {
                throw new QuantizationException(where + ": bias of channel " + o + " does not fit int32");
            }
            bq[o] = (long) bv;
        }
        return new Linear(wq, bq, accScale);
    }

    private static IntOp.Requant requant(String where, int[] shape, double[] accScale, int perChannel, double sOut,
                                         long lo, long hi, QuantConfig cfg) {
        double[] mult = new double[accScale.length * perChannel];
        for (int c = 0; c < accScale.length; c++) {
            for (int j = 0; j < perChannel; j++) {
                mult[c * perChannel + j] = accScale[c] / sOut;
            }
        }
        return requantExact(where, shape, mult, lo, hi, cfg);
    }

    /** Picks the largest shift k with every M = rint(m·2^k) below 2^multiplierBits. */
    static IntOp.Requant requantExact(String where, int[] shape, double[] mult, long lo, long hi, QuantConfig cfg) {
        double maxM = 0;
        for (double m : mult) {
            if (!(m >= 0) || !Double.isFinite(m)) {
                throw new QuantizationException(where + ": requantisation multiplier " + m + " is invalid");
            }
            maxM = Math.max(maxM, m);
        }
        long limit = (1L << cfg.multiplierBits()) - 1;
        int k = maxM == 0 ? 1 : (int) Math.floor(Math.log(limit / maxM) / Math.log(2));
        k = Math.min(k, IntOp.Requant.MAX_SHIFT);
        while (k >= 1 && Math.rint(maxM * Math.pow(2, k)) > limit) {
            k--;
        }
        if (k < 1) {
            throw new QuantizationException(where + ": requantisation multiplier " + maxM
                    + " is too large for " + cfg.multiplierBits() + "-bit M (output scale too small)");
        }
        long[] m = new long[mult.length];
        for (int i = 0; i < mult.length; i++) {
            m[i] = (long) Math.rint(mult[i] * Math.pow(2, k));
        }
        if (Shapes.size(shape) != m.length) {
            throw new IllegalStateException("multiplier count mismatch");
        }
        return new IntOp.Requant(shape, m, k, lo, hi);
    }
}
