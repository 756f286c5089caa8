package io.zkgw.inference.model;

/**
 * The float function the original model applied to its last layer, dropped from the integer model
 * and applied by the requester after unmasking (it is monotone, so class decisions are unchanged).
 */
public enum OutputTransform {
    NONE, SIGMOID, SOFTMAX;

    public double[] apply(double[] logits) {
        double[] y = logits.clone();
        switch (this) {
            case NONE -> { }
            case SIGMOID -> {
                for (int i = 0; i < y.length; i++) {
                    y[i] = 1 / (1 + Math.exp(-y[i]));
                }
            }
            case SOFTMAX -> {
                double m = Double.NEGATIVE_INFINITY;
                for (double v : y) {
                    m = Math.max(m, v);
                }
                double s = 0;
                for (int i = 0; i < y.length; i++) {
                    y[i] = Math.exp(y[i] - m);
                    s += y[i];
                }
                for (int i = 0; i < y.length; i++) {
                    y[i] /= s;
                }
            }
        }
        return y;
    }
}
