package io.zkgw.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.zkgw.inference.importer.OnnxImporter;
import io.zkgw.inference.model.FloatModel;
import io.zkgw.inference.onnx.OnnxAttribute;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Each folding rule of the importer (bias, scalings, BatchNormalization, normalisation prelude,
 * Gemm attributes, padding modes, pools) checked against ONNX Runtime running the same float graph.
 */
class ImporterAgainstOrtTest {
    private static void assertSameAsOrt(OnnxBuilder b, long... inputDims) throws Exception {
        byte[] bytes = b.bytes();
        FloatModel fm = OnnxImporter.importModel(io.zkgw.inference.onnx.OnnxCodec.decode(bytes));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Random rnd = new Random(7);
        try (OrtSession s = env.createSession(bytes, new OrtSession.SessionOptions())) {
            for (int trial = 0; trial < 5; trial++) {
                float[] x = new float[fm.inputSize()];
                double[] xd = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (rnd.nextGaussian() * 2);
                    xd[i] = x[i];
                }
                float[] ort;
                try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), inputDims);
                     OrtSession.Result r = s.run(Map.of("input", t))) {
                    FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
                    ort = new float[fb.remaining()];
                    fb.get(ort);
                }
                double[] ours = fm.transform().apply(fm.logits(xd));
                assertEquals(ort.length, ours.length);
                for (int i = 0; i < ort.length; i++) {
                    assertEquals(ort[i], ours[i], 2e-4 * Math.max(1, Math.abs(ours[i])), "output " + i);
                }
            }
        }
    }

    @Test
    void gemmAttributesAndAffineFolding() throws Exception {
        OnnxBuilder b = new OnnxBuilder(1, 1, 6);
        b.op("Sub", List.of(b.randomConstant(1, 6)));
        b.op("Mul", List.of(b.randomConstant(1, 1, 6)));
        b.op("Gemm", List.of(b.randomConstant(0.5, 6, 5), b.randomConstant(0.5, 5)), OnnxAttribute.ofFloat("alpha", 0.7f),
                OnnxAttribute.ofFloat("beta", 1.3f));
        b.op("Mul", List.of(b.randomConstant(1, 5)));
        b.op("Add", List.of(b.randomConstant(1, 1)));
        b.op("Relu");
        b.op("Div", List.of(b.constant(new long[0], new float[] {2.5f})));
        b.op("Sub", List.of(b.randomConstant(1, 5)));
        b.op("MatMul", List.of(b.randomConstant(0.5, 5, 3)));
        b.op("Add", List.of(b.randomConstant(0.5, 3)));
        b.op("Softmax", OnnxAttribute.ofInt("axis", 1));
        assertSameAsOrt(b, 1, 6);
    }

    @Test
    void convBatchNormPoolsAndReshape() throws Exception {
        OnnxBuilder c = new OnnxBuilder(2, 1, 2, 7, 7);
        c.op("Mul", List.of(c.randomConstant(1, 1, 2, 1, 1)));
        c.op("Conv", List.of(c.randomConstant(0.4, 4, 2, 3, 3), c.randomConstant(0.2, 4)),
                OnnxAttribute.ofInts("pads", 1, 0, 1, 2), OnnxAttribute.ofInts("strides", 1, 2));
        c.op("BatchNormalization", List.of(c.randomConstant(1, 4), c.randomConstant(1, 4), c.randomConstant(1, 4),
                c.constant(new long[] {4}, new float[] {0.5f, 1.5f, 2f, 0.1f})), OnnxAttribute.ofFloat("epsilon", 1e-3f));
        c.op("Relu");
        c.op("AveragePool", OnnxAttribute.ofInts("kernel_shape", 2, 2), OnnxAttribute.ofInts("pads", 1, 1, 0, 0));
        c.op("Conv", List.of(c.randomConstant(0.4, 3, 4, 2, 2)), OnnxAttribute.ofInts("kernel_shape", 2, 2));
        c.op("MaxPool", OnnxAttribute.ofInts("kernel_shape", 2, 2), OnnxAttribute.ofInts("pads", 0, 0, 1, 1),
                OnnxAttribute.ofInts("strides", 2, 2));
        c.op("Relu");
        c.op("Reshape", List.of(c.intConstant(0, -1)));
        // 7x7 → conv(pads 1,0,1,2; stride 1,2) 7x4 → avgpool(pads top/left 1) 7x4 → conv 2x2 6x3 → maxpool 3x2
        int flat = 3 * 3 * 2;
        c.op("Gemm", List.of(c.randomConstant(0.5, 2, flat), c.randomConstant(0.5, 2)), OnnxAttribute.ofInt("transB", 1));
        c.op("Softmax");
        assertSameAsOrt(c, 1, 2, 7, 7);
    }

    @Test
    void samePaddingAverageWithPadCountAndGlobalPool() throws Exception {
        OnnxBuilder b = new OnnxBuilder(3, 1, 3, 5, 6);
        b.op("Conv", List.of(b.randomConstant(0.4, 4, 3, 3, 3)), OnnxAttribute.ofInts("strides", 2, 2),
                new OnnxAttribute("auto_pad", OnnxAttribute.STRING, 0, 0, "SAME_UPPER".getBytes(), null, null, null));
        b.op("AveragePool", OnnxAttribute.ofInts("kernel_shape", 3, 3), OnnxAttribute.ofInts("pads", 1, 1, 1, 1),
                OnnxAttribute.ofInt("count_include_pad", 1));
        b.op("Relu");
        b.op("GlobalAveragePool");
        b.op("Flatten");
        b.op("Gemm", List.of(b.randomConstant(0.5, 4, 2)));
        assertSameAsOrt(b, 1, 3, 5, 6);
    }

    @Test
    void symbolicBatchAndPinnedDimension() throws Exception {
        OnnxBuilder b = new OnnxBuilder(4, 1, 4).symbolicDim(0, "N");
        b.op("Gemm", List.of(b.randomConstant(0.5, 4, 2)));
        assertSameAsOrt(b, 1, 4);
        OnnxBuilder c = new OnnxBuilder(4, 1, 4).symbolicDim(1, "F");
        c.op("Gemm", List.of(c.randomConstant(0.5, 4, 2)));
        FloatModel fm = OnnxImporter.importModel(c.model(), Map.of("F", 4));
        assertEquals(4, fm.inputSize());
    }
}
