package io.zkgw.cli;

import io.zkgw.inference.InferenceException;
import io.zkgw.inference.ModelPipeline;
import io.zkgw.inference.card.ModelCard;
import io.zkgw.inference.card.ZkmFile;
import io.zkgw.inference.data.CsvDataset;
import io.zkgw.ir.IntInterpreter;
import io.zkgw.ir.Witness;
import io.zkgw.inference.ort.ExecutionProvider;
import io.zkgw.inference.ort.OrtWitnessRunner;
import io.zkgw.inference.quant.Evaluation;
import io.zkgw.inference.quant.QuantConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zkgw model ...}: quantise a float ONNX model, inspect a .zkm, run one input. */
@Command(name = "model", description = "Quantise, inspect and run models.",
        subcommands = {ModelCommand.Quantize.class, ModelCommand.Info.class, ModelCommand.Run.class})
final class ModelCommand {

    @Command(name = "quantize", mixinStandardHelpOptions = true,
            description = "Quantise a float ONNX model into an integer .zkm model and report accuracy.")
    static final class Quantize implements Runnable {
        @Option(names = "--onnx", required = true, description = "float ONNX model (opset 13+)")
        Path onnx;

        @Option(names = "--calib", required = true, description = "calibration CSV (header; features in input order)")
        Path calib;

        @Option(names = "--out", required = true, description = "output .zkm file")
        Path out;

        @Option(names = "--eval", description = "labelled CSV to report float vs quantised metrics on "
                + "(default: the calibration CSV when it has a 'label' column)")
        Path eval;

        @Option(names = "--act-bits", defaultValue = "8", description = "activation width: 8 or 16 (default 8)")
        int actBits;

        @Option(names = "--out-bits", defaultValue = "16", description = "output layer width (default 16)")
        int outBits;

        @Option(names = "--dim", description = "pin a symbolic input dimension, NAME=SIZE (repeatable)")
        Map<String, Integer> dims = new HashMap<>();

        @Option(names = "--labels", split = ",", description = "output class labels, comma-separated")
        List<String> labels;

        @Option(names = "--name", description = "model name for the card (default: file name)")
        String name;

        @Option(names = "--ep", defaultValue = "cpu", description = "ONNX Runtime execution provider: cpu or cuda")
        String ep;

        @Override
        public void run() {
            QuantConfig cfg = new QuantConfig(actBits, outBits, QuantConfig.DEFAULT.multiplierBits());
            String n = name != null ? name : onnx.getFileName().toString().replaceFirst("\\.onnx$", "");
            var q = ModelPipeline.quantize(onnx, calib, cfg, dims, labels, n);
            ModelCard card = q.card();
            Path evalFile = eval != null ? eval : calib;
            CsvDataset data = CsvDataset.read(evalFile);
            if (data.hasLabels()) {
                try (OrtWitnessRunner ort = new OrtWitnessRunner(q.quantized().intModel(), ExecutionProvider.parse(ep), 0)) {
                    var c = ModelPipeline.compare(q.floatModel(), q.quantized(), data, ort);
                    card = ModelPipeline.withMetrics(card, c);
                    System.out.printf("model        %s (%d parameters, %d integer ops)%n", n,
                            q.quantized().intModel().parameterCount(), q.quantized().intModel().ops().size());
                    System.out.printf("evaluated on %s (%d rows)%n", evalFile, c.rows());
                    System.out.printf("float        %s%n", c.floatMetrics().summary());
                    System.out.printf("quantised    %s (int%d activations)%n", c.quantMetrics().summary(), actBits);
                    if (c.floatMetrics().task() != Evaluation.Task.REGRESSION) {
                        System.out.printf("decisions    %d/%d identical to the float model%n", c.decisionAgreements(),
                                c.rows());
                    }
                    System.out.printf("ORT == Java  %d/%d witnesses identical%n", c.ortMatches(), c.rows());
                    if (c.ortMatches() != c.rows()) {
                        throw new InferenceException("ONNX Runtime and the reference interpreter disagree on "
                                + (c.rows() - c.ortMatches()) + " rows");
                    }
                }
            } else {
                System.out.println("no 'label' column in " + evalFile + ": accuracy not reported");
            }
            ZkmFile.write(out, q.quantized().intModel(), card);
            System.out.printf("wrote        %s (integer model sha256 %s)%n", out, card.integerModelSha256());
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Print a .zkm model's card and layers.")
    static final class Info implements Runnable {
        @Parameters(index = "0", description = "model file (.zkm)")
        Path model;

        @Override
        public void run() {
            var m = ZkmFile.read(model);
            ModelCard c = m.card();
            System.out.printf("name         %s%n", c.name());
            System.out.printf("integer model sha256 %s%n", c.integerModelSha256());
            System.out.printf("source ONNX  sha256 %s%n", c.sourceSha256());
            System.out.printf("input        %s %s, %d features, int range [%d, %d]%n", c.input().name(),
                    Arrays.toString(c.input().shape()), c.input().features().size(), c.input().lo(), c.input().hi());
            System.out.printf("output       %s, transform %s, labels %s%n", Arrays.toString(c.output().shape()),
                    c.output().transform(), c.output().labels());
            System.out.printf("parameters   %d%n", c.quantisation().parameters());
            c.metrics().forEach((k, v) -> System.out.printf("metric       %s: %s%n", k, v));
            for (int i = 0; i < m.model().ops().size(); i++) {
                System.out.printf("  op %-3d %s%n", i, m.model().ops().get(i).describe());
            }
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run one input row through a .zkm model on ONNX Runtime; print prediction and witness.")
    static final class Run implements Runnable {
        @Mixin
        InputRowOptions in;

        @Override
        public void run() {
            var loaded = in.load();
            var m = loaded.model();
            long[] xq = loaded.input();
            try (OrtWitnessRunner ort = new OrtWitnessRunner(m.model(), in.provider(), 0)) {
                Witness w = ort.run(xq);
                Witness ref = IntInterpreter.run(m.model(), xq);
                printPrediction(m.card(), w);
                ModelPipeline.witnessSummary(m.model(), w).forEach(System.out::println);
                System.out.println("  ORT (" + ort.provider() + ") == Java interpreter: " + w.sameAs(ref));
                if (!w.sameAs(ref)) {
                    throw new InferenceException("ONNX Runtime and the reference interpreter disagree");
                }
            }
        }
    }

    static void printPrediction(ModelCard card, Witness w) {
        double[] logits = card.spec().dequantiseOutput(w.output());
        double[] out = card.output().transform().apply(logits);
        Evaluation.Task task = Evaluation.taskOf(card.output().transform(), out.length);
        if (task == Evaluation.Task.REGRESSION) {
            System.out.printf("prediction   %.4f%n", out[0]);
        } else {
            int cls = Evaluation.predictClass(logits);
            double p = out.length == 1 ? (cls == 1 ? out[0] : 1 - out[0]) : out[cls];
            System.out.printf("prediction   class %s (p=%.4f)%n", card.labelOf(cls), p);
        }
    }
}
