package io.zkgw.inference.quant;

import io.zkgw.inference.InferenceException;
import io.zkgw.inference.model.OutputTransform;

/**
 * The float edges of an integer model, applied outside the proof by the requester: the input map
 * x_q = clamp(rint((x·mul + add) / inScale), inLo, inHi) and the output map y ≈ y_q · outScale,
 * followed by the output transform. Public, and part of the model card.
 */
public record QuantSpec(double[] inMul, double[] inAdd, double inScale, long inLo, long inHi, double outScale,
                        OutputTransform transform, int activationBits, int outputBits) {

    public int inputSize() {
        return inMul.length;
    }

    public long[] quantiseInput(double[] raw) {
        if (raw.length != inMul.length) {
            throw new InferenceException("input has " + raw.length + " features; the model expects " + inMul.length);
        }
        long[] q = new long[raw.length];
        for (int i = 0; i < raw.length; i++) {
            if (!Double.isFinite(raw[i])) {
                throw new InferenceException("input feature " + i + " is not a finite number");
            }
            double v = Math.rint((raw[i] * inMul[i] + inAdd[i]) / inScale);
            q[i] = (long) Math.max(inLo, Math.min(inHi, v));
        }
        return q;
    }

    /** The model output in real units, before the output transform (logits for classifiers). */
    public double[] dequantiseOutput(long[] y) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] * outScale;
        }
        return out;
    }
}
