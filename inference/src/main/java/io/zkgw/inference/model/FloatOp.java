package io.zkgw.inference.model;

import io.zkgw.ir.Shapes;
import io.zkgw.ir.Window2d;

/**
 * One layer of an imported float model. Shapes exclude the batch dimension (always 1).
 * Each layer evaluates itself in double precision; this is the float reference used for
 * calibration and for the float-accuracy figures, never for anything that is proved.
 */
public sealed interface FloatOp {
    int[] inShape();

    int[] outShape();

    double[] apply(double[] x);

    /** Short name for reports, e.g. "Dense 30->16 +relu". */
    String describe();

    /** Fully connected: y = W x + b, W row-major [out][in], optionally followed by ReLU. */
    record Dense(int in, int out, double[] w, double[] b, boolean relu) implements FloatOp {
        public int[] inShape() {
            return new int[] {in};
        }

        public int[] outShape() {
            return new int[] {out};
        }

        public double[] apply(double[] x) {
            double[] y = new double[out];
            for (int o = 0; o < out; o++) {
                double s = b[o];
                for (int i = 0; i < in; i++) {
                    s += w[o * in + i] * x[i];
                }
                y[o] = relu ? Math.max(0, s) : s;
            }
            return y;
        }

        public Dense withRelu() {
            return new Dense(in, out, w, b, true);
        }

        public String describe() {
            return "Dense " + in + "->" + out + (relu ? " +relu" : "");
        }
    }

    /** 2-D convolution, weights [outC][inC][kH][kW], zero padding, optionally followed by ReLU. */
    record Conv2d(Window2d win, int outC, double[] w, double[] b, boolean relu) implements FloatOp {
        public int[] inShape() {
            return new int[] {win.channels(), win.inH(), win.inW()};
        }

        public int[] outShape() {
            return new int[] {outC, win.outH(), win.outW()};
        }

        public double[] apply(double[] x) {
            int oh = win.outH();
            int ow = win.outW();
            int ic = win.channels();
            double[] y = new double[outC * oh * ow];
            for (int oc = 0; oc < outC; oc++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double s = b[oc];
                        int wi = oc * ic * win.kH() * win.kW();
                        for (int c = 0; c < ic; c++) {
                            for (int ky = 0; ky < win.kH(); ky++) {
                                for (int kx = 0; kx < win.kW(); kx++, wi++) {
                                    int xi = win.inputIndex(c, oy, ox, ky, kx);
                                    if (xi >= 0) {
                                        s += w[wi] * x[xi];
                                    }
                                }
                            }
                        }
                        y[(oc * oh + oy) * ow + ox] = relu ? Math.max(0, s) : s;
                    }
                }
            }
            return y;
        }

        public Conv2d withRelu() {
            return new Conv2d(win, outC, w, b, true);
        }

        public String describe() {
            return "Conv " + win.channels() + "->" + outC + " k" + win.kH() + "x" + win.kW() + (relu ? " +relu" : "");
        }
    }

    /** Max pooling; padding cells never win (as in ONNX). */
    record MaxPool(Window2d win) implements FloatOp {
        public int[] inShape() {
            return new int[] {win.channels(), win.inH(), win.inW()};
        }

        public int[] outShape() {
            return new int[] {win.channels(), win.outH(), win.outW()};
        }

        public double[] apply(double[] x) {
            return pool(win, x, true, false);
        }

        public String describe() {
            return "MaxPool k" + win.kH() + "x" + win.kW();
        }
    }

    /** Average pooling; {@code countIncludePad} divides by the full kernel size instead of the real cells. */
    record AvgPool(Window2d win, boolean countIncludePad) implements FloatOp {
        public int[] inShape() {
            return new int[] {win.channels(), win.inH(), win.inW()};
        }

        public int[] outShape() {
            return new int[] {win.channels(), win.outH(), win.outW()};
        }

        public double[] apply(double[] x) {
            return pool(win, x, false, countIncludePad);
        }

        public String describe() {
            return "AvgPool k" + win.kH() + "x" + win.kW();
        }
    }

    /** Mean over each channel's spatial positions: [C,H,W] to [C,1,1]. */
    record GlobalAvgPool(int channels, int h, int w) implements FloatOp {
        public int[] inShape() {
            return new int[] {channels, h, w};
        }

        public int[] outShape() {
            return new int[] {channels, 1, 1};
        }

        public double[] apply(double[] x) {
            double[] y = new double[channels];
            for (int c = 0; c < channels; c++) {
                double s = 0;
                for (int i = 0; i < h * w; i++) {
                    s += x[c * h * w + i];
                }
                y[c] = s / (h * w);
            }
            return y;
        }

        public String describe() {
            return "GlobalAvgPool";
        }
    }

    /** A ReLU that does not directly follow a linear layer (one that does is fused into it). */
    record Relu(int[] shape) implements FloatOp {
        public int[] inShape() {
            return shape.clone();
        }

        public int[] outShape() {
            return shape.clone();
        }

        public double[] apply(double[] x) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = Math.max(0, x[i]);
            }
            return y;
        }

        public String describe() {
            return "Relu";
        }
    }

    /** Reinterpretation of the row-major buffer under a new shape (Flatten, Reshape). */
    record Reshape(int[] from, int[] to) implements FloatOp {
        public int[] inShape() {
            return from.clone();
        }

        public int[] outShape() {
            return to.clone();
        }

        public double[] apply(double[] x) {
            return x.clone();
        }

        public String describe() {
            return "Reshape " + Shapes.toString(to);
        }
    }

    private static double[] pool(Window2d win, double[] x, boolean max, boolean includePad) {
        int oh = win.outH();
        int ow = win.outW();
        double[] y = new double[win.channels() * oh * ow];
        for (int c = 0; c < win.channels(); c++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    for (int ky = 0; ky < win.kH(); ky++) {
                        for (int kx = 0; kx < win.kW(); kx++) {
                            int xi = win.inputIndex(c, oy, ox, ky, kx);
                            if (xi >= 0) {
                                acc = max ? Math.max(acc, x[xi]) : acc + x[xi];
                            }
                        }
                    }
                    if (!max) {
                        acc /= includePad ? win.kH() * win.kW() : win.realCount(oy, ox);
                    }
                    y[(c * oh + oy) * ow + ox] = acc;
                }
            }
        }
        return y;
    }
}
