package io.zkgw.cli.clinician;

import io.zkgw.inference.card.ModelCard;
import io.zkgw.inference.quant.Evaluation;
import java.util.List;

/**
 * The unmasked model output read with the model card.
 *
 * @param output        y, the model's integer output (what the proof is about)
 * @param scores        y dequantised with the card's output scale (logits for a classifier)
 * @param probabilities the card's output transform applied to {@code scores} (sigmoid or softmax); equal to
 *                      {@code scores} when the card has no transform
 * @param classIndex    the decision (a single sigmoid output: 1 when its logit is positive; else the argmax),
 *                      or −1 for a regression model
 * @param label         the card's label of {@code classIndex} (its number when the card has no labels), or
 *                      null for a regression model
 * @param labels        the card's labels (possibly empty)
 */
public record Prediction(long[] output, double[] scores, double[] probabilities, int classIndex, String label,
                         List<String> labels) {
    public Prediction {
        output = output.clone();
        scores = scores.clone();
        probabilities = probabilities.clone();
        labels = List.copyOf(labels);
    }

    @Override
    public long[] output() {
        return output.clone();
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** Reads y with the card: the same decision rule as the model pipeline's evaluation. */
    public static Prediction of(ModelCard card, long[] y) {
        double[] logits = card.spec().dequantiseOutput(y);
        double[] transformed = card.output().transform().apply(logits);
        List<String> labels = card.output().labels() == null ? List.of() : card.output().labels();
        if (Evaluation.taskOf(card.output().transform(), y.length) == Evaluation.Task.REGRESSION) {
            return new Prediction(y, logits, transformed, -1, null, labels);
        }
        int cls = Evaluation.predictClass(logits);
        return new Prediction(y, logits, transformed, cls, card.labelOf(cls), labels);
    }

    /** Whether the model is a classifier (a class and label were decided). */
    public boolean isClassification() {
        return classIndex >= 0;
    }

    /** The probability the card's transform gives the decided class (a single sigmoid: p or 1 − p). */
    public double confidence() {
        if (!isClassification()) {
            return Double.NaN;
        }
        return probabilities.length == 1 ? (classIndex == 1 ? probabilities[0] : 1 - probabilities[0])
                : probabilities[classIndex];
    }
}
