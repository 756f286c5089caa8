package io.zkgw.inference.ort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.ir.IntInterpreter;
import io.zkgw.ir.IntModel;
import io.zkgw.ir.IntOp;
import io.zkgw.ir.RandomIntModels;
import io.zkgw.ir.Witness;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ONNX Runtime and the reference interpreter agree bit for bit on many random integer models. */
class RandomModelsOrtTest {
    @Test
    void ortEqualsInterpreterOnRandomModels() {
        Random r = new Random(20261121);
        int models = 150;
        long saturatedLow = 0;
        long saturatedHigh = 0;
        for (int m = 0; m < models; m++) {
            IntModel model = RandomIntModels.generate(r);
            try (OrtWitnessRunner ort = new OrtWitnessRunner(model, ExecutionProvider.CPU, 1)) {
                for (int t = 0; t < 4; t++) {
                    long[] x = RandomIntModels.input(r, model);
                    Witness a = ort.run(x);
                    Witness b = IntInterpreter.run(model, x);
                    assertEquals(-1, a.firstDifference(b), "model " + m + " input " + t + ": first differing op");
                    for (int i = 0; i < model.ops().size(); i++) {
                        if (model.ops().get(i) instanceof IntOp.Requant rq && rq.lo() < 0) {
                            for (long v : b.outputs().get(i)) {
                                saturatedLow += v == rq.lo() ? 1 : 0;
                                saturatedHigh += v == rq.hi() ? 1 : 0;
                            }
                        }
                    }
                }
            }
        }
        // the generator must actually exercise both clamp bounds, or this test proves little
        assertTrue(saturatedLow > 100 && saturatedHigh > 100, "saturation low " + saturatedLow + " high " + saturatedHigh);
    }

    @Test
    void requantFloorsNegativeValuesExactly() {
        // (x·m + 2^(k−1)) >> k for negatives: −5·3+2 = −13, floor(−13/4) = −4 (truncation would give −3)
        IntOp.Requant rq = new IntOp.Requant(new int[] {3}, new long[] {3, 3, 3}, 2, -128, 127);
        IntModel model = new IntModel(new int[] {3}, -128, 127, java.util.List.of(rq));
        long[] x = {-5, 5, -2};
        long[] expected = {-4, 4, -1};
        assertEquals(-1, IntInterpreter.run(model, x).firstDifference(new Witness(x, java.util.List.of(expected))));
        try (OrtWitnessRunner ort = new OrtWitnessRunner(model, ExecutionProvider.CPU, 1)) {
            assertEquals(-1, ort.run(x).firstDifference(new Witness(x, java.util.List.of(expected))));
        }
    }
}
