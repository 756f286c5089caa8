package io.zkgw.bench;

import io.zkgw.inference.ModelPipeline;
import io.zkgw.inference.data.CsvDataset;
import io.zkgw.inference.quant.QuantConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The inference module's fixture models, for benchmarks that need a real quantised model: read from the repository
 * root (inference/src/test/resources/fixtures) or from -Dzkgw.fixtures. Quantising needs the model pipeline, a
 * "provided" dependency: such benchmarks run with the module's full classpath (bench/README.md).
 */
final class BenchFixtures {
    private BenchFixtures() {}

    static Path dir() {
        return Path.of(System.getProperty("zkgw.fixtures", "inference/src/test/resources/fixtures"));
    }

    /** The public dataset a fixture model was trained on (its calibration and test CSVs). */
    static String dataset(String model) {
        return switch (model) {
            case "bc_logreg", "bc_mlp" -> "breast_cancer";
            case "diabetes_reg" -> "diabetes";
            default -> "digits";
        };
    }

    static ModelPipeline.Quantised quantise(String model) {
        return ModelPipeline.quantize(dir().resolve(model + ".onnx"), dir().resolve(dataset(model) + "_calib.csv"), QuantConfig.DEFAULT,
                Map.of(), List.of(), model);
    }

    static CsvDataset test(String model) {
        return CsvDataset.read(dir().resolve(dataset(model) + "_test.csv"));
    }
}
