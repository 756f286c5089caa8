package io.zkgw.inference.quant;

import io.zkgw.inference.model.OutputTransform;

/**
 * Task metrics over a labelled set. Classification decisions are taken on logits (the transform is
 * monotone): a single sigmoid output is class 1 when its logit is positive, otherwise the argmax.
 */
public final class Evaluation {
    private Evaluation() {}

    public enum Task { BINARY, MULTICLASS, REGRESSION }

    public static Task taskOf(OutputTransform t, int outputs) {
        if (t == OutputTransform.SIGMOID && outputs == 1) {
            return Task.BINARY;
        }
        if (outputs > 1) {
            return Task.MULTICLASS;
        }
        return Task.REGRESSION;
    }

    public static int predictClass(double[] logits) {
        if (logits.length == 1) {
            return logits[0] > 0 ? 1 : 0;
        }
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Metrics of one model's outputs against labels. */
    public record Metrics(Task task, int n, double accuracy, double mae, double r2) {
        public String summary() {
            return task == Task.REGRESSION ? String.format("MAE %.3f, R² %.4f", mae, r2)
                    : String.format("accuracy %.2f%%", 100 * accuracy);
        }
    }

    public static Metrics metrics(Task task, double[][] logits, double[] labels) {
        int n = labels.length;
        if (task == Task.REGRESSION) {
            double mean = 0;
            for (double y : labels) {
                mean += y;
            }
            mean /= n;
            double abs = 0;
            double ssRes = 0;
            double ssTot = 0;
            for (int i = 0; i < n; i++) {
                double e = logits[i][0] - labels[i];
                abs += Math.abs(e);
                ssRes += e * e;
                ssTot += (labels[i] - mean) * (labels[i] - mean);
            }
            return new Metrics(task, n, Double.NaN, abs / n, ssTot == 0 ? Double.NaN : 1 - ssRes / ssTot);
        }
        int ok = 0;
        for (int i = 0; i < n; i++) {
            if (predictClass(logits[i]) == (int) labels[i]) {
                ok++;
            }
        }
        return new Metrics(task, n, (double) ok / n, Double.NaN, Double.NaN);
    }
}
