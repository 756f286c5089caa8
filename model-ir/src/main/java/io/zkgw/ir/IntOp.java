package io.zkgw.ir;


/**
 * One step of the integer model: the exact semantics that ONNX Runtime executes, the reference
 * interpreter re-executes and the prover proves. Values are held as long; every op's output range is
 * derivable from its input range ({@link #outRange}), which {@link IntModel} uses to prove statically
 * that no step can overflow.
 */
public sealed interface IntOp {
    int[] inShape();

    int[] outShape();

    long[] apply(long[] x);

    /** Output range [lo, hi] given an input range; throws if an intermediate could leave the safe range. */
    long[] outRange(long lo, long hi);

    String describe();

    /** Accumulator of a fully connected layer: acc = W x + b, W row-major [out][in] (int8 values). */
    record Dense(int in, int out, long[] w, long[] b) implements IntOp {
        public Dense {
            if (w.length != (long) in * out || b.length != out) {
                throw new IllegalArgumentException("Dense " + in + "->" + out + ": weight/bias length mismatch");
            }
        }

        public int[] inShape() {
            return new int[] {in};
        }

        public int[] outShape() {
            return new int[] {out};
        }

        public long[] apply(long[] x) {
            long[] y = new long[out];
            for (int o = 0; o < out; o++) {
                long s = b[o];
                int row = o * in;
                for (int i = 0; i < in; i++) {
                    s += w[row + i] * x[i];
                }
                y[o] = s;
            }
            return y;
        }

        public long[] outRange(long lo, long hi) {
            long m = Math.max(Math.abs(lo), Math.abs(hi));
            long worst = 0;
            for (int o = 0; o < out; o++) {
                long s = Math.abs(b[o]);
                for (int i = 0; i < in; i++) {
                    s += Math.abs(w[o * in + i]) * m;
                }
                worst = Math.max(worst, s);
            }
            return IntModel.checkAccumulator("Dense " + in + "->" + out, worst);
        }

        public String describe() {
            return "Dense " + in + "->" + out;
        }
    }

    /** Accumulator of a 2-D convolution with zero padding; weights [outC][inC][kH][kW]. */
    record Conv(Window2d win, int outC, long[] w, long[] b) implements IntOp {
        public Conv {
            if (w.length != (long) outC * win.channels() * win.kH() * win.kW() || b.length != outC) {
                throw new IllegalArgumentException("Conv: weight/bias length mismatch");
            }
        }

        public int[] inShape() {
            return new int[] {win.channels(), win.inH(), win.inW()};
        }

        public int[] outShape() {
            return new int[] {outC, win.outH(), win.outW()};
        }

        public long[] apply(long[] x) {
            int oh = win.outH();
            int ow = win.outW();
            int ic = win.channels();
            int kh = win.kH();
            int kw = win.kW();
            long[] y = new long[outC * oh * ow];
            for (int oc = 0; oc < outC; oc++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        long s = b[oc];
                        int wi = oc * ic * kh * kw;
                        for (int c = 0; c < ic; c++) {
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++, wi++) {
                                    int xi = win.inputIndex(c, oy, ox, ky, kx);
                                    if (xi >= 0) {
                                        s += w[wi] * x[xi];
                                    }
                                }
                            }
                        }
                        y[(oc * oh + oy) * ow + ox] = s;
                    }
                }
            }
            return y;
        }

        public long[] outRange(long lo, long hi) {
            long m = Math.max(Math.abs(lo), Math.abs(hi));
            int k = w.length / outC;
            long worst = 0;
            for (int o = 0; o < outC; o++) {
                long s = Math.abs(b[o]);
                for (int i = 0; i < k; i++) {
                    s += Math.abs(w[o * k + i]) * m;
                }
                worst = Math.max(worst, s);
            }
            return IntModel.checkAccumulator(describe(), worst);
        }

        public String describe() {
            return "Conv " + win.channels() + "->" + outC + " k" + win.kH() + "x" + win.kW();
        }
    }

    /** Sum over each window's real cells (padding adds nothing); average pooling before its requantisation. */
    record SumPool(Window2d win) implements IntOp {
        public int[] inShape() {
            return new int[] {win.channels(), win.inH(), win.inW()};
        }

        public int[] outShape() {
            return new int[] {win.channels(), win.outH(), win.outW()};
        }

        public long[] apply(long[] x) {
            return pool(win, x, false);
        }

        public long[] outRange(long lo, long hi) {
            long n = (long) win.kH() * win.kW();
            return IntModel.checkAccumulator(describe(), Math.max(Math.abs(lo), Math.abs(hi)) * n,
                    Math.min(0, lo * n), Math.max(0, hi * n));
        }

        public String describe() {
            return "SumPool k" + win.kH() + "x" + win.kW();
        }
    }

    /** Maximum over each window's real cells. */
    record MaxPool(Window2d win) implements IntOp {
        public int[] inShape() {
            return new int[] {win.channels(), win.inH(), win.inW()};
        }

        public int[] outShape() {
            return new int[] {win.channels(), win.outH(), win.outW()};
        }

        public long[] apply(long[] x) {
            return pool(win, x, true);
        }

        public long[] outRange(long lo, long hi) {
            return new long[] {lo, hi};
        }

        public String describe() {
            return "MaxPool k" + win.kH() + "x" + win.kW();
        }
    }

    /** Sum over each channel's spatial positions: [C,H,W] to [C,1,1]. */
    record GlobalSumPool(int channels, int h, int w) implements IntOp {
        public int[] inShape() {
            return new int[] {channels, h, w};
        }

        public int[] outShape() {
            return new int[] {channels, 1, 1};
        }

        public long[] apply(long[] x) {
            long[] y = new long[channels];
            int n = h * w;
            for (int c = 0; c < channels; c++) {
                long s = 0;
                for (int i = 0; i < n; i++) {
                    s += x[c * n + i];
                }
                y[c] = s;
            }
            return y;
        }

        public long[] outRange(long lo, long hi) {
            long n = (long) h * w;
            return IntModel.checkAccumulator(describe(), Math.max(Math.abs(lo), Math.abs(hi)) * n,
                    Math.min(0, lo * n), Math.max(0, hi * n));
        }

        public String describe() {
            return "GlobalSumPool";
        }
    }

    /**
     * Requantisation: y = clamp(floor((x·m + 2^(k−1)) / 2^k), lo, hi) with a multiplier m per element
     * (per output channel, or per position for padded average pooling). ReLU is lo = 0.
     */
    record Requant(int[] shape, long[] m, int k, long lo, long hi) implements IntOp {
        public static final int MAX_MULTIPLIER_BITS = 31;
        public static final int MAX_SHIFT = 62;

        public Requant {
            if (m.length != Shapes.size(shape)) {
                throw new IllegalArgumentException("Requant: " + m.length + " multipliers for " + Shapes.size(shape) + " values");
            }
            if (k < 1 || k > MAX_SHIFT) {
                throw new IllegalArgumentException("Requant: shift k=" + k + " outside [1," + MAX_SHIFT + "]");
            }
            for (long v : m) {
                if (v < 0 || v >= (1L << MAX_MULTIPLIER_BITS)) {
                    throw new IllegalArgumentException("Requant: multiplier " + v + " outside [0, 2^31)");
                }
            }
            if (lo > hi || lo < -(1L << 31) || hi >= (1L << 31)) {
                throw new IllegalArgumentException("Requant: clamp bounds [" + lo + "," + hi + "] invalid");
            }
        }

        public int[] inShape() {
            return shape.clone();
        }

        public int[] outShape() {
            return shape.clone();
        }

        public long[] apply(long[] x) {
            long half = 1L << (k - 1);
            long[] y = new long[x.length];
            for (int i = 0; i < x.length; i++) {
                long q = (x[i] * m[i] + half) >> k; // arithmetic shift is floor division by 2^k
                y[i] = Math.min(hi, Math.max(lo, q));
            }
            return y;
        }

        public long[] outRange(long inLo, long inHi) {
            long maxM = 0;
            for (long v : m) {
                maxM = Math.max(maxM, v);
            }
            long mag = Math.max(Math.abs(inLo), Math.abs(inHi));
            // |x·m| + 2^(k-1) must stay below 2^62 so it is exact in int64 and far below p/2 in the field
            if (mag != 0 && maxM > ((1L << IntModel.PRODUCT_BITS) - (1L << (k - 1))) / mag) {
                throw new IllegalArgumentException(describe() + ": input magnitude " + mag + " times multiplier "
                        + maxM + " may exceed 2^" + IntModel.PRODUCT_BITS);
            }
            return new long[] {lo, hi};
        }

        public String describe() {
            return "Requant k=" + k + " clamp[" + lo + "," + hi + "]";
        }
    }

    /** Clamp on its own (a ReLU that does not follow a linear layer). */
    record Clamp(int[] shape, long lo, long hi) implements IntOp {
        public int[] inShape() {
            return shape.clone();
        }

        public int[] outShape() {
            return shape.clone();
        }

        public long[] apply(long[] x) {
            long[] y = new long[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = Math.min(hi, Math.max(lo, x[i]));
            }
            return y;
        }

        public long[] outRange(long inLo, long inHi) {
            return new long[] {Math.min(hi, Math.max(lo, inLo)), Math.min(hi, Math.max(lo, inHi))};
        }

        public String describe() {
            return "Clamp[" + lo + "," + hi + "]";
        }
    }

    /** Same values under a new shape. */
    record Reshape(int[] from, int[] to) implements IntOp {
        public Reshape {
            if (Shapes.size(from) != Shapes.size(to)) {
                throw new IllegalArgumentException("Reshape " + Shapes.toString(from) + " to " + Shapes.toString(to));
            }
        }

        public int[] inShape() {
            return from.clone();
        }

        public int[] outShape() {
            return to.clone();
        }

        public long[] apply(long[] x) {
            return x.clone();
        }

        public long[] outRange(long lo, long hi) {
            return new long[] {lo, hi};
        }

        public String describe() {
            return "Reshape " + Shapes.toString(to);
        }
    }

    private static long[] pool(Window2d win, long[] x, boolean max) {
        int oh = win.outH();
        int ow = win.outW();
        long[] y = new long[win.channels() * oh * ow];
        for (int c = 0; c < win.channels(); c++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    long acc = max ? Long.MIN_VALUE : 0;
                    for (int ky = 0; ky < win.kH(); ky++) {
                        for (int kx = 0; kx < win.kW(); kx++) {
                            int xi = win.inputIndex(c, oy, ox, ky, kx);
                            if (xi >= 0) {
                                acc = max ? Math.max(acc, x[xi]) : acc + x[xi];
                            }
                        }
                    }
                    y[(c * oh + oy) * ow + ox] = acc;
                }
            }
        }
        return y;
    }
}
