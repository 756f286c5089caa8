package io.zkgw.cli;

import io.zkgw.inference.InferenceException;
import io.zkgw.inference.card.ZkmFile;
import io.zkgw.inference.data.CsvDataset;
import io.zkgw.inference.ort.ExecutionProvider;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that runs one input row shares: the model, the CSV row, the ORT provider. */
final class InputRowOptions {
    @Option(names = "--model", required = true, description = "model file (.zkm)")
    Path model;

    @Option(names = "--csv", required = true, description = "CSV with the input row (label column ignored)")
    Path csv;

    @Option(names = "--row", defaultValue = "1", description = "1-based data row (default 1)")
    int row;

    @Option(names = "--ep", defaultValue = "cpu", description = "ONNX Runtime execution provider: cpu or cuda")
    String ep;

    /** The loaded model and the chosen row quantised with its card's public input map. */
    record Loaded(ZkmFile.Loaded model, long[] input) {}

    Loaded load() {
        var m = ZkmFile.read(model);
        CsvDataset data = CsvDataset.read(csv);
        data.requireWidth(m.model().inputSize(), "input CSV " + csv);
        if (row < 1 || row > data.rows()) {
            throw new InferenceException("--row " + row + " is outside 1.." + data.rows());
        }
        return new Loaded(m, m.card().spec().quantiseInput(data.features()[row - 1]));
    }

    ExecutionProvider provider() {
        return ExecutionProvider.parse(ep);
    }
}
