package io.zkgw.inference.model;

import io.zkgw.ir.Shapes;
import java.util.ArrayList;
import java.util.List;

/**
 * A float model after import: the input affine map (normalisation constants found at the start of
 * the graph, applied client-side before quantisation), a chain of layers, and the dropped output
 * transform. Shapes exclude the batch dimension.
 */
public record FloatModel(String inputName, int[] inputShape, double[] inputMul, double[] inputAdd,
                         List<FloatOp> ops, OutputTransform transform) {
    public FloatModel {
        ops = List.copyOf(ops);
        int n = Shapes.size(inputShape);
        if (inputMul.length != n || inputAdd.length != n) {
            throw new IllegalArgumentException("input transform length does not match input size " + n);
        }
    }

    public int inputSize() {
        return Shapes.size(inputShape);
    }

    public int[] outputShape() {
        return ops.isEmpty() ? inputShape.clone() : ops.get(ops.size() - 1).outShape();
    }

    /** The input after the normalisation prelude: what the first layer sees. */
    public double[] normalise(double[] raw) {
        double[] x = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            x[i] = raw[i] * inputMul[i] + inputAdd[i];
        }
        return x;
    }

    /** Every layer's output, starting with the normalised input; the last entry is the pre-transform output. */
    public List<double[]> trace(double[] raw) {
        List<double[]> out = new ArrayList<>(ops.size() + 1);
        double[] x = normalise(raw);
        out.add(x);
        for (FloatOp op : ops) {
            x = op.apply(x);
            out.add(x);
        }
        return out;
    }

    /** Model output before the transform (logits). */
    public double[] logits(double[] raw) {
        List<double[]> t = trace(raw);
        return t.get(t.size() - 1);
    }
}
