package io.zkgw.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.zkgw.inference.data.CsvDataset;
import io.zkgw.ir.IntInterpreter;
import io.zkgw.ir.Witness;
import io.zkgw.inference.model.FloatModel;
import io.zkgw.inference.ort.ExecutionProvider;
import io.zkgw.inference.ort.OrtWitnessRunner;
import io.zkgw.inference.quant.Evaluation;
import io.zkgw.inference.quant.QuantConfig;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fixture model: import is exact against ORT float, ORT equals the interpreter, accuracy holds. */
class FixtureModelsTest {
    static Fixtures.Fixture[] fixtures() {
        return Fixtures.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void importedFloatModelMatchesOnnxRuntime(Fixtures.Fixture f) throws Exception {
        FloatModel fm = ModelPipeline.quantize(f.onnx(), f.calib(), QuantConfig.DEFAULT, Map.of(), List.of(), f.model())
                .floatModel();
        CsvDataset test = CsvDataset.read(f.test());
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(Files.readAllBytes(f.onnx()), new OrtSession.SessionOptions())) {
            String in = s.getInputNames().iterator().next();
            long[] dims = new long[fm.inputShape().length + 1];
            dims[0] = 1;
            for (int i = 0; i < fm.inputShape().length; i++) {
                dims[i + 1] = fm.inputShape()[i];
            }
            for (int r = 0; r < test.rows(); r++) {
                double[] x = test.features()[r];
                float[] xf = new float[x.length];
                for (int i = 0; i < x.length; i++) {
                    xf[i] = (float) x[i];
                }
                float[] ort;
                try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(xf), dims);
                     OrtSession.Result res = s.run(Map.of(in, t))) {
                    FloatBuffer fb = ((OnnxTensor) res.get(0)).getFloatBuffer();
                    ort = new float[fb.remaining()];
                    fb.get(ort);
                }
                double[] ours = fm.transform().apply(fm.logits(x));
                assertEquals(ort.length, ours.length);
                for (int i = 0; i < ours.length; i++) {
                    double tol = 1e-4 * Math.max(1, Math.abs(ours[i]));
                    assertEquals(ort[i], ours[i], tol, f + " row " + r + " output " + i);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void ortWitnessEqualsInterpreterAndAccuracyHolds(Fixtures.Fixture f) {
        var q = ModelPipeline.quantize(f.onnx(), f.calib(), QuantConfig.DEFAULT, Map.of(), List.of(), f.model());
        CsvDataset test = CsvDataset.read(f.test());
        try (OrtWitnessRunner ort = new OrtWitnessRunner(q.quantized().intModel(), ExecutionProvider.CPU, 1)) {
            var c = ModelPipeline.compare(q.floatModel(), q.quantized(), test, ort);
            assertEquals(test.rows(), c.ortMatches(), "ORT witness must equal the interpreter's on every row");
            if (c.floatMetrics().task() == Evaluation.Task.REGRESSION) {
                assertTrue(Math.abs(c.quantMetrics().r2() - c.floatMetrics().r2()) < 0.01,
                        "R² float " + c.floatMetrics().r2() + " vs quantised " + c.quantMetrics().r2());
            } else {
                assertTrue(c.floatMetrics().accuracy() - c.quantMetrics().accuracy() <= f.maxAccuracyLoss() + 1e-12,
                        "accuracy float " + c.floatMetrics().accuracy() + " vs quantised " + c.quantMetrics().accuracy());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void int16ActivationsAlsoMatchBitForBit(Fixtures.Fixture f) {
        var q = ModelPipeline.quantize(f.onnx(), f.calib(), QuantConfig.DEFAULT.withActivationBits(16), Map.of(),
                List.of(), f.model());
        CsvDataset test = CsvDataset.read(f.test());
        try (OrtWitnessRunner ort = new OrtWitnessRunner(q.quantized().intModel(), ExecutionProvider.CPU, 1)) {
            for (int r = 0; r < Math.min(40, test.rows()); r++) {
                long[] xq = q.quantized().spec().quantiseInput(test.features()[r]);
                Witness a = ort.run(xq);
                Witness b = IntInterpreter.run(q.quantized().intModel(), xq);
                assertEquals(-1, a.firstDifference(b), f + " row " + r);
            }
        }
    }
}
