package io.zkgw.inference.ort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.zkgw.ir.IntInterpreter;
import io.zkgw.ir.IntModel;
import io.zkgw.ir.IntOp;
import io.zkgw.ir.Window2d;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrtSmokeTest {
    @Test
    void allOpKindsMatch() {
        Window2d w = new Window2d(1, 4, 4, 3, 3, 1, 1, 1, 1, 1, 1);
        long[] cw = new long[2 * 9];
        for (int i = 0; i < cw.length; i++) cw[i] = (i * 37 % 255) - 127;
        IntOp conv = new IntOp.Conv(w, 2, cw, new long[] {5, -7});
        long[] m = new long[2 * 16];
        java.util.Arrays.fill(m, 12345);
        IntOp rq = new IntOp.Requant(new int[] {2, 4, 4}, m, 17, -128, 127);
        IntOp mp = new IntOp.MaxPool(new Window2d(2, 4, 4, 2, 2, 2, 2, 0, 0, 1, 1));
        IntOp sp = new IntOp.SumPool(new Window2d(2, 2, 2, 2, 2, 1, 1, 0, 0, 0, 0));
        IntOp gp = new IntOp.GlobalSumPool(2, 1, 1);
        IntOp rs = new IntOp.Reshape(new int[] {2, 1, 1}, new int[] {2});
        IntOp d = new IntOp.Dense(2, 3, new long[] {1, -2, 3, -128, 127, 0}, new long[] {0, 1, -1});
        IntOp cl = new IntOp.Clamp(new int[] {3}, 0, 100);
        IntModel model = new IntModel(new int[] {1, 4, 4}, -128, 127, List.of(conv, rq, mp, sp, gp, rs, d, cl));
        long[] x = new long[16];
        for (int i = 0; i < 16; i++) x[i] = i % 2 == 0 ? -128 + i : 127 - i;
        try (OrtWitnessRunner r = new OrtWitnessRunner(model, ExecutionProvider.CPU, 1)) {
            var a = r.run(x);
            var b = IntInterpreter.run(model, x);
            for (int i = 0; i < model.ops().size(); i++) {
                assertArrayEquals(b.outputs().get(i), a.outputs().get(i), "op " + i);
            }
        }
    }

    @Test
    void cudaWithoutTheGpuBuildFailsWithAClearError() {
        // This build carries ORT's CPU artifact; with -Pcuda on a GPU host the CUDA path is taken instead.
        assumeFalse(System.getProperty("java.class.path").contains("onnxruntime_gpu"), "GPU build of ORT present");
        IntModel model = new IntModel(new int[] {2}, -128, 127,
                List.of(new IntOp.Dense(2, 1, new long[] {1, 1}, new long[] {0})));
        var e = assertThrows(io.zkgw.inference.InferenceException.class,
                () -> new OrtWitnessRunner(model, ExecutionProvider.CUDA, 1));
        assertTrue(e.getMessage().contains("CUDA execution provider unavailable"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ExecutionProvider.parse("tpu"));
    }
}
