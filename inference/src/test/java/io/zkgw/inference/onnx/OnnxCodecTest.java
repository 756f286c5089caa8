package io.zkgw.inference.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zkgw.inference.Fixtures;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class OnnxCodecTest {
    @Test
    void decodesFixtureAndReencodesStably() throws Exception {
        OnnxModel m = OnnxCodec.decode(Files.readAllBytes(Fixtures.DIGITS_CNN.onnx()));
        assertEquals(13, m.defaultOpset());
        assertEquals(1, m.graph().inputs().size());
        assertEquals("input", m.graph().inputs().get(0).name());
        assertEquals(4, m.graph().inputs().get(0).dims().size());
        assertEquals(true, m.graph().nodes().stream().anyMatch(n -> n.opType().equals("BatchNormalization")));
        // our encoder's output decodes to the same structure and re-encodes byte-identically
        OnnxModel ours = new OnnxModel(m.irVersion(), m.opsets(), m.producerName(),
                new OnnxGraph(m.graph().name(), m.graph().nodes(), m.graph().initializers().stream()
                        .map(t -> OnnxTensor.float32(t.name(), t.dims(), toFloats(t.toDoubles()))).toList(),
                        m.graph().inputs(), m.graph().outputs()));
        byte[] a = OnnxCodec.encode(ours);
        byte[] b = OnnxCodec.encode(OnnxCodec.decode(a));
        assertArrayEquals(a, b);
        OnnxModel back = OnnxCodec.decode(a);
        for (int i = 0; i < ours.graph().initializers().size(); i++) {
            assertArrayEquals(ours.graph().initializers().get(i).toDoubles(), back.graph().initializers().get(i).toDoubles());
        }
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
