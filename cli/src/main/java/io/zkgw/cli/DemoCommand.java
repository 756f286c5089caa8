package io.zkgw.cli;

import io.zkgw.inference.ModelPipeline;
import io.zkgw.inference.card.ZkmFile;
import io.zkgw.inference.data.CsvDataset;
import io.zkgw.ir.IntInterpreter;
import io.zkgw.ir.Witness;
import io.zkgw.inference.ort.ExecutionProvider;
import io.zkgw.inference.ort.OrtWitnessRunner;
import io.zkgw.inference.quant.QuantConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zkgw demo}: the main job on the shipped fixtures. For now the model pipeline: quantise the
 * breast-cancer MLP and the digits CNN, run the test split on ONNX Runtime and the Java interpreter,
 * print accuracy and one witness. Grows into the full ledger round trip.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the end-to-end demo on shipped fixtures.")
final class DemoCommand implements Runnable {
    @Option(names = "--fixtures", defaultValue = "inference/src/test/resources/fixtures",
            description = "folder with the fixture models and CSVs")
    Path fixtures;

    @Option(names = "--work", defaultValue = "target/demo", description = "where the demo writes its files")
    Path work;

    @Option(names = "--ep", defaultValue = "cpu", description = "ONNX Runtime execution provider: cpu or cuda")
    String ep;

    @Override
    public void run() {
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        runOne("bc_mlp", "breast_cancer", List.of("malignant", "benign"));
        runOne("digits_cnn", "digits", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
    }

    private void runOne(String model, String dataset, List<String> labels) {
        System.out.println("== " + model + " on " + dataset + " (scikit-learn's copy of the public dataset)");
        Path onnx = fixtures.resolve(model + ".onnx");
        var q = ModelPipeline.quantize(onnx, fixtures.resolve(dataset + "_calib.csv"), QuantConfig.DEFAULT, Map.of(),
                labels, model);
        CsvDataset test = CsvDataset.read(fixtures.resolve(dataset + "_test.csv"));
        try (OrtWitnessRunner ort = new OrtWitnessRunner(q.quantized().intModel(), ExecutionProvider.parse(ep), 0)) {
            var c = ModelPipeline.compare(q.floatModel(), q.quantized(), test, ort);
            Path out = work.resolve(model + ".zkm");
            var card = ModelPipeline.withMetrics(q.card(), c);
            ZkmFile.write(out, q.quantized().intModel(), card);
            System.out.printf("quantised    %d parameters -> %s%n", q.quantized().intModel().parameterCount(), out);
            System.out.printf("test split   %d rows: float %s | quantised %s%n", c.rows(), c.floatMetrics().summary(),
                    c.quantMetrics().summary());
            System.out.printf("decisions    %d/%d identical to the float model%n", c.decisionAgreements(), c.rows());
            System.out.printf("ORT == Java  %d/%d witnesses bit-for-bit identical (ORT provider %s)%n",
                    c.ortMatches(), c.rows(), ort.provider());
            long[] xq = q.quantized().spec().quantiseInput(test.features()[0]);
            Witness w = ort.run(xq);
            if (!w.sameAs(IntInterpreter.run(q.quantized().intModel(), xq))) {
                throw new IllegalStateException("witness mismatch");
            }
            System.out.println("first test row, witness from ONNX Runtime:");
            ModelCommand.printPrediction(card, w);
            ModelPipeline.witnessSummary(q.quantized().intModel(), w).forEach(System.out::println);
            System.out.println();
        }
    }
}
