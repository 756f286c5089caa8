package io.zkgw.inference;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.inference.data.CsvDataset;
import io.zkgw.inference.data.DatasetException;
import io.zkgw.inference.importer.OnnxImporter;
import io.zkgw.inference.importer.UnsupportedModelException;
import io.zkgw.ir.IntInterpreter;
import io.zkgw.ir.ModelIrException;
import io.zkgw.inference.onnx.OnnxAttribute;
import io.zkgw.inference.onnx.OnnxCodec;
import io.zkgw.inference.onnx.OnnxFormatException;
import io.zkgw.inference.quant.QuantConfig;
import io.zkgw.inference.quant.QuantizationException;
import io.zkgw.inference.quant.Quantizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input gets an error that names the problem, never a crash or a silent result. */
class BadInputTest {
    @TempDir
    Path tmp;

    private static void assertMessage(Throwable t, String... parts) {
        for (String p : parts) {
            assertTrue(t.getMessage().contains(p), "message '" + t.getMessage() + "' should mention '" + p + "'");
        }
    }

    @Test
    void everyTruncationOfARealModelFailsCleanly() throws Exception {
        byte[] bytes = Files.readAllBytes(Fixtures.BC_MLP.onnx());
        for (int len = 0; len < bytes.length; len += Math.max(1, len / 50)) {
            byte[] cut = Arrays.copyOf(bytes, len);
            try {
                OnnxImporter.importModel(OnnxCodec.decode(cut));
            } catch (OnnxFormatException | UnsupportedModelException expected) {
                continue;
            }
            throw new AssertionError("truncated model of " + len + " bytes was accepted");
        }
        Throwable t = assertThrows(OnnxFormatException.class,
                () -> OnnxCodec.decode(Arrays.copyOf(bytes, bytes.length - 3)));
        assertMessage(t, "corrupt ONNX", "at byte");
    }

    @Test
    void randomGarbageAndMutationsNeverEscapeAsOtherExceptions() throws Exception {
        byte[] bytes = Files.readAllBytes(Fixtures.DIGITS_CNN.onnx());
        Random r = new Random(3);
        for (int i = 0; i < 400; i++) {
            byte[] mut = bytes.clone();
            for (int f = 0; f < 4; f++) {
                mut[r.nextInt(mut.length)] = (byte) r.nextInt(256);
            }
            try {
                OnnxImporter.importModel(OnnxCodec.decode(mut));
            } catch (InferenceException ok) {
                // named failure: fine (a mutation inside a float weight may also import fine)
            }
        }
        byte[] junk = new byte[256];
        r.nextBytes(junk);
        assertThrows(InferenceException.class, () -> OnnxImporter.importModel(OnnxCodec.decode(junk)));
    }

    @Test
    void emptyFileIsNamed() throws Exception {
        Path empty = tmp.resolve("empty.onnx");
        Files.write(empty, new byte[0]);
        assertMessage(assertThrows(OnnxFormatException.class, () -> OnnxCodec.read(empty)), "empty");
    }

    @Test
    void unsupportedOpNamesOpAndNode() {
        OnnxBuilder b = new OnnxBuilder(1, 1, 4);
        b.op("Gemm", List.of(b.randomConstant(1, 4, 3)));
        b.op("Tanh");
        Throwable t = assertThrows(UnsupportedModelException.class, () -> OnnxImporter.importModel(b.model()));
        assertMessage(t, "Tanh", "n1", "not supported");
    }

    @Test
    void nanAndInfWeightsAreNamed() {
        OnnxBuilder b = new OnnxBuilder(1, 1, 3);
        String w = b.constant(new long[] {3, 2}, new float[] {1, 2, Float.NaN, 4, 5, 6});
        b.op("Gemm", List.of(w));
        assertMessage(assertThrows(UnsupportedModelException.class, () -> OnnxImporter.importModel(b.model())),
                "'" + w + "'", "NaN", "element 2");
        OnnxBuilder c = new OnnxBuilder(1, 1, 3);
        c.op("Gemm", List.of(c.randomConstant(1, 3, 2), c.constant(new long[] {2}, new float[] {Float.POSITIVE_INFINITY, 0})));
        assertMessage(assertThrows(UnsupportedModelException.class, () -> OnnxImporter.importModel(c.model())), "Infinity");
    }

    @Test
    void structuralProblemsAreNamed() {
        OnnxBuilder old = new OnnxBuilder(1, 1, 3).opset(11);
        old.op("Gemm", List.of(old.randomConstant(1, 3, 2)));
        assertMessage(assertThrows(UnsupportedModelException.class, () -> OnnxImporter.importModel(old.model())), "opset 11");

        OnnxBuilder sym = new OnnxBuilder(1, 1, 3).symbolicDim(1, "F");
        sym.op("Gemm", List.of(sym.randomConstant(1, 3, 2)));
        assertMessage(assertThrows(UnsupportedModelException.class, () -> OnnxImporter.importModel(sym.model())),
                "symbolic", "--dim F=");

        OnnxBuilder batch = new OnnxBuilder(1, 4, 3);
        batch.op("Gemm", List.of(batch.randomConstant(1, 3, 2)));
        assertMessage(assertThrows(UnsupportedModelException.class, () -> OnnxImporter.importModel(batch.model())),
                "batch dimension 4");

        OnnxBuilder branch = new OnnxBuilder(1, 1, 3);
        branch.op("Gemm", List.of(branch.randomConstant(1, 3, 3)));
        String a = branch.current();
        branch.op("Relu");
        branch.raw("Add", List.of(branch.current(), a));
        assertMessage(assertThrows(UnsupportedModelException.class, () -> OnnxImporter.importModel(branch.model())),
                "sequential");

        OnnxBuilder grouped = new OnnxBuilder(1, 1, 2, 4, 4);
        grouped.op("Conv", List.of(grouped.randomConstant(1, 2, 1, 3, 3)), OnnxAttribute.ofInt("group", 2));
        assertMessage(assertThrows(UnsupportedModelException.class, () -> OnnxImporter.importModel(grouped.model())),
                "Conv", "group");

        OnnxBuilder dil = new OnnxBuilder(1, 1, 1, 6, 6);
        dil.op("Conv", List.of(dil.randomConstant(1, 1, 1, 3, 3)), OnnxAttribute.ofInts("dilations", 2, 2));
        assertMessage(assertThrows(UnsupportedModelException.class, () -> OnnxImporter.importModel(dil.model())),
                "dilation");

        OnnxBuilder mid = new OnnxBuilder(1, 1, 3);
        mid.op("Gemm", List.of(mid.randomConstant(1, 3, 3)));
        mid.op("Sigmoid");
        mid.op("Gemm", List.of(mid.randomConstant(1, 3, 1)));
        assertMessage(assertThrows(UnsupportedModelException.class, () -> OnnxImporter.importModel(mid.model())),
                "last node");

        OnnxBuilder wrongWidth = new OnnxBuilder(1, 1, 5);
        wrongWidth.op("Gemm", List.of(wrongWidth.randomConstant(1, 4, 2)));
        assertMessage(assertThrows(UnsupportedModelException.class, () -> OnnxImporter.importModel(wrongWidth.model())),
                "5 features", "expects 4");
    }

    @Test
    void calibrationCsvProblemsNameRowAndColumn() throws Exception {
        Path wide = tmp.resolve("wide.csv");
        Files.writeString(wide, "a,b,c,label\n1,2,3,0\n");
        Throwable t = assertThrows(DatasetException.class, () -> ModelPipeline.quantize(Fixtures.BC_LOGREG.onnx(), wide,
                QuantConfig.DEFAULT, Map.of(), List.of(), "m"));
        assertMessage(t, "3 feature columns", "30");

        Path text = tmp.resolve("text.csv");
        Files.writeString(text, "a,b,label\n1,2,0\n1,oops,1\n");
        assertMessage(assertThrows(DatasetException.class, () -> CsvDataset.read(text)), "row 3", "column 'b'",
                "not a number");
        assertTrue(!assertThrows(DatasetException.class, () -> CsvDataset.read(text)).getMessage().contains("oops"),
                "cell values must not be echoed (they may be patient data)");

        Path ragged = tmp.resolve("ragged.csv");
        Files.writeString(ragged, "a,b,label\n1,2,0\n1,2\n");
        assertMessage(assertThrows(DatasetException.class, () -> CsvDataset.read(ragged)), "row 3", "2 columns");

        Path nan = tmp.resolve("nan.csv");
        Files.writeString(nan, "a,label\nNaN,1\n");
        assertMessage(assertThrows(DatasetException.class, () -> CsvDataset.read(nan)), "not finite");

        Path headerOnly = tmp.resolve("h.csv");
        Files.writeString(headerOnly, "a,label\n");
        assertMessage(assertThrows(DatasetException.class, () -> CsvDataset.read(headerOnly)), "no data rows");

        assertMessage(assertThrows(DatasetException.class, () -> CsvDataset.read(tmp.resolve("missing.csv"))),
                "cannot read");
    }

    @Test
    void wrongInputLengthAndRangeAreNamed() {
        var q = ModelPipeline.quantize(Fixtures.BC_LOGREG.onnx(), Fixtures.BC_LOGREG.calib(), QuantConfig.DEFAULT,
                Map.of(), List.of(), "m");
        assertMessage(assertThrows(InferenceException.class, () -> q.quantized().spec().quantiseInput(new double[29])),
                "29 features", "30");
        assertMessage(assertThrows(ModelIrException.class,
                () -> IntInterpreter.run(q.quantized().intModel(), new long[31])), "31 values", "30");
        long[] out = new long[30];
        out[4] = 1000;
        assertMessage(assertThrows(ModelIrException.class, () -> IntInterpreter.run(q.quantized().intModel(), out)),
                "element 4", "range");
        double[] nanRow = new double[30];
        nanRow[2] = Double.NaN;
        assertMessage(assertThrows(InferenceException.class, () -> q.quantized().spec().quantiseInput(nanRow)),
                "feature 2");
    }

    @Test
    void emptyCalibrationSetIsRefused() {
        var fm = ModelPipeline.quantize(Fixtures.BC_LOGREG.onnx(), Fixtures.BC_LOGREG.calib(), QuantConfig.DEFAULT,
                Map.of(), List.of(), "m").floatModel();
        assertMessage(assertThrows(QuantizationException.class,
                () -> Quantizer.quantize(fm, new double[0][], QuantConfig.DEFAULT)), "empty");
    }
}
