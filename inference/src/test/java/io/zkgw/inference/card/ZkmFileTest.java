package io.zkgw.inference.card;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.inference.Fixtures;
import io.zkgw.inference.InferenceException;
import io.zkgw.inference.ModelPipeline;
import io.zkgw.ir.IntModelCodec;
import io.zkgw.inference.quant.QuantConfig;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZkmFileTest {
    @TempDir
    Path tmp;

    @Test
    void writeReadRoundTripIsDeterministic() throws Exception {
        var q = ModelPipeline.quantize(Fixtures.DIGITS_CNN.onnx(), Fixtures.DIGITS_CNN.calib(), QuantConfig.DEFAULT,
                Map.of(), List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), "digits");
        Path a = tmp.resolve("a.zkm");
        Path b = tmp.resolve("b.zkm");
        ZkmFile.write(a, q.quantized().intModel(), q.card());
        ZkmFile.write(b, q.quantized().intModel(), q.card());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "same model must give the same file");
        var loaded = ZkmFile.read(a);
        assertArrayEquals(IntModelCodec.encode(q.quantized().intModel()), IntModelCodec.encode(loaded.model()));
        assertEquals("7", loaded.card().labelOf(7));
        assertArrayEquals(q.card().input().mul(), loaded.card().input().mul());
    }

    @Test
    void tamperedPartsAreDetected() throws Exception {
        var q = ModelPipeline.quantize(Fixtures.BC_MLP.onnx(), Fixtures.BC_MLP.calib(), QuantConfig.DEFAULT, Map.of(),
                List.of(), "bc");
        var other = ModelPipeline.quantize(Fixtures.BC_LOGREG.onnx(), Fixtures.BC_LOGREG.calib(), QuantConfig.DEFAULT,
                Map.of(), List.of(), "lr");
        byte[] card = ZkmFile.JSON.writeValueAsBytes(q.card());
        byte[] ir = IntModelCodec.encode(q.quantized().intModel());
        byte[] otherIr = IntModelCodec.encode(other.quantized().intModel());
        byte[] onnx = io.zkgw.inference.onnx.OnnxCodec.encode(
                io.zkgw.inference.export.IntOnnxExporter.export(q.quantized().intModel()));
        Path swappedIr = zip("swapped.zkm", card, otherIr, onnx);
        assertTrue(assertThrows(InferenceException.class, () -> ZkmFile.read(swappedIr)).getMessage().contains("hash"));
        Path missing = zip("missing.zkm", card, ir, null);
        assertTrue(assertThrows(InferenceException.class, () -> ZkmFile.read(missing)).getMessage().contains("model.onnx"));
        byte[] badOnnx = onnx.clone();
        badOnnx[badOnnx.length - 1] ^= 1;
        Path wrongOnnx = zip("onnx.zkm", card, ir, badOnnx);
        assertTrue(assertThrows(InferenceException.class, () -> ZkmFile.read(wrongOnnx)).getMessage()
                .contains("does not match"));
        Path notZip = tmp.resolve("x.zkm");
        Files.writeString(notZip, "hello");
        assertThrows(InferenceException.class, () -> ZkmFile.read(notZip));
    }

    private Path zip(String name, byte[] card, byte[] ir, byte[] onnx) throws Exception {
        Path p = tmp.resolve(name);
        try (OutputStream os = Files.newOutputStream(p); ZipOutputStream z = new ZipOutputStream(os)) {
            put(z, "card.json", card);
            put(z, "model.zkir", ir);
            if (onnx != null) {
                put(z, "model.onnx", onnx);
            }
        }
        return p;
    }

    private static void put(ZipOutputStream z, String n, byte[] d) throws Exception {
        z.putNextEntry(new ZipEntry(n));
        z.write(d);
        z.closeEntry();
    }
}
