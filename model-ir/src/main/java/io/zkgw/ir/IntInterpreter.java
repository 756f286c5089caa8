package io.zkgw.ir;

import java.util.ArrayList;
import java.util.List;

/** Pure-Java reference execution of an {@link IntModel}; bit-for-bit the semantics ONNX Runtime runs. */
public final class IntInterpreter {
    private IntInterpreter() {}

    public static Witness run(IntModel model, long[] input) {
        checkInput(model, input);
        List<long[]> outs = new ArrayList<>(model.ops().size());
        long[] x = input.clone();
        for (IntOp op : model.ops()) {
            x = op.apply(x);
            outs.add(x);
        }
        return new Witness(input.clone(), outs);
    }

    /** Rejects an input of the wrong length or outside the model's quantised input range. */
    public static void checkInput(IntModel model, long[] input) {
        if (input.length != model.inputSize()) {
            throw new ModelIrException("input has " + input.length + " values; the model expects "
                    + model.inputSize());
        }
        for (int i = 0; i < input.length; i++) {
            if (input[i] < model.inLo() || input[i] > model.inHi()) {
                throw new ModelIrException("input element " + i + " is outside the quantised input range ["
                        + model.inLo() + "," + model.inHi() + "]");
            }
        }
    }
}
