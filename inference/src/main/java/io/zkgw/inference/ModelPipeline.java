package io.zkgw.inference;

import io.zkgw.inference.card.ModelCard;
import io.zkgw.inference.card.ZkmFile;
import io.zkgw.inference.data.CsvDataset;
import io.zkgw.inference.importer.OnnxImporter;
import io.zkgw.ir.IntInterpreter;
import io.zkgw.ir.IntModelCodec;
import io.zkgw.ir.Witness;
import io.zkgw.inference.model.FloatModel;
import io.zkgw.inference.onnx.OnnxCodec;
import io.zkgw.inference.onnx.OnnxModel;
import io.zkgw.inference.ort.OrtWitnessRunner;
import io.zkgw.inference.quant.Evaluation;
import io.zkgw.inference.quant.QuantConfig;
import io.zkgw.inference.quant.QuantSpec;
import io.zkgw.inference.quant.QuantizedModel;
import io.zkgw.inference.quant.Quantizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The model pipeline end to end: float ONNX + calibration CSV → integer model + card → evaluation. */
public final class ModelPipeline {
    private ModelPipeline() {}

    /** Result of quantising one model. */
    public record Quantised(FloatModel floatModel, QuantizedModel quantized, ModelCard card) {}

    public static Quantised quantize(Path onnxFile, Path calibCsv, QuantConfig cfg, Map<String, Integer> dimPins,
                                     List<String> labels, String name) {
        byte[] onnxBytes;
        try {
            onnxBytes = Files.readAllBytes(onnxFile);
        } catch (IOException e) {
            throw new InferenceException("cannot read ONNX file " + onnxFile + ": " + e.getMessage(), e);
        }
        if (onnxBytes.length == 0) {
            throw new InferenceException("ONNX file " + onnxFile + " is empty");
        }
        OnnxModel onnx = OnnxCodec.decode(onnxBytes);
        FloatModel fm = OnnxImporter.importModel(onnx, dimPins);
        CsvDataset calib = CsvDataset.read(calibCsv);
        calib.requireWidth(fm.inputSize(), "calibration CSV " + calibCsv);
        QuantizedModel qm = Quantizer.quantize(fm, calib.features(), cfg);
        QuantSpec spec = qm.spec();
        int[] outShape = qm.intModel().outputShape();
        ModelCard card = new ModelCard(ModelCard.FORMAT_VERSION, name, ZkmFile.sha256Hex(onnxBytes),
                ZkmFile.sha256Hex(IntModelCodec.encode(qm.intModel())),
                new ModelCard.Input(fm.inputName(), fm.inputShape(), calib.featureNames(), spec.inMul(), spec.inAdd(),
                        spec.inScale(), spec.inLo(), spec.inHi()),
                new ModelCard.Output(outShape, spec.outScale(), spec.transform(), labels == null ? List.of() : labels),
                new ModelCard.Quantisation(cfg.activationBits(), cfg.outputBits(), qm.intModel().parameterCount()),
                Map.of());
        return new Quantised(fm, qm, card);
    }

    /** The card with evaluation figures recorded. */
    public static ModelCard withMetrics(ModelCard card, Comparison c) {
        Map<String, String> m = new LinkedHashMap<>(card.metrics());
        m.put("evaluated_rows", Integer.toString(c.floatMetrics().n()));
        m.put("float", c.floatMetrics().summary());
        m.put("quantised", c.quantMetrics().summary());
        return new ModelCard(card.formatVersion(), card.name(), card.sourceSha256(), card.integerModelSha256(),
                card.input(), card.output(), card.quantisation(), m);
    }

    /** Float and quantised metrics on one labelled set, plus how often ORT and the interpreter agreed. */
    public record Comparison(Evaluation.Metrics floatMetrics, Evaluation.Metrics quantMetrics, int rows,
                             int ortMatches, int decisionAgreements) {}

    public static Comparison compare(FloatModel fm, QuantizedModel qm, CsvDataset data, OrtWitnessRunner ort) {
        if (!data.hasLabels()) {
            throw new InferenceException("evaluation CSV has no '" + CsvDataset.DEFAULT_LABEL + "' column");
        }
        data.requireWidth(fm.inputSize(), "evaluation CSV");
        int n = data.rows();
        double[][] fl = new double[n][];
        double[][] ql = new double[n][];
        int matches = 0;
        int agree = 0;
        for (int r = 0; r < n; r++) {
            double[] x = data.features()[r];
            fl[r] = fm.logits(x);
            long[] xq = qm.spec().quantiseInput(x);
            Witness ref = IntInterpreter.run(qm.intModel(), xq);
            if (ort != null) {
                Witness w = ort.run(xq);
                if (w.sameAs(ref)) {
                    matches++;
                }
            }
            ql[r] = qm.spec().dequantiseOutput(ref.output());
            if (Evaluation.predictClass(fl[r]) == Evaluation.predictClass(ql[r])) {
                agree++;
            }
        }
        Evaluation.Task task = Evaluation.taskOf(fm.transform(), ql.length == 0 ? 1 : ql[0].length);
        return new Comparison(Evaluation.metrics(task, fl, data.labels()), Evaluation.metrics(task, ql, data.labels()),
                n, matches, agree);
    }

    /** A short per-op summary of one witness: shape, range, and how many values hit the clamp bounds. */
    public static List<String> witnessSummary(io.zkgw.ir.IntModel model, Witness w) {
        List<String> lines = new ArrayList<>();
        long total = w.input().length;
        lines.add(String.format("  %-3s %-28s %-14s %s", "#", "op", "shape", "values"));
        lines.add(String.format("  %-3s %-28s %-14s %d values", "in", "input (quantised)",
                io.zkgw.ir.Shapes.toString(model.inputShape()), w.input().length));
        for (int i = 0; i < model.ops().size(); i++) {
            var op = model.ops().get(i);
            long[] v = w.outputs().get(i);
            total += v.length;
            long mn = Long.MAX_VALUE;
            long mx = Long.MIN_VALUE;
            for (long x : v) {
                mn = Math.min(mn, x);
                mx = Math.max(mx, x);
            }
            String extra = "";
            if (op instanceof io.zkgw.ir.IntOp.Requant rq) {
                int sat = 0;
                for (long x : v) {
                    if ((x == rq.lo() && rq.lo() != 0) || x == rq.hi()) {
                        sat++;
                    }
                }
                extra = ", " + sat + " saturated";
            }
            lines.add(String.format("  %-3d %-28s %-14s %d values in [%d, %d]%s", i, op.describe(),
                    io.zkgw.ir.Shapes.toString(op.outShape()), v.length, mn, mx, extra));
        }
        lines.add("  witness: " + total + " integers over " + (model.ops().size() + 1) + " tensors");
        return lines;
    }
}
