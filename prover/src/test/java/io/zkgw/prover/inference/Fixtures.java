package io.zkgw.prover.inference;

import io.zkgw.inference.ModelPipeline;
import io.zkgw.inference.data.CsvDataset;
import io.zkgw.ir.IntModel;
import io.zkgw.inference.quant.QuantConfig;
import io.zkgw.inference.quant.QuantSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The fixture models of the inference module, quantised once per test JVM. */
final class Fixtures {
    static final Path DIR = Path.of("../inference/src/test/resources/fixtures");
    static final List<String> ALL = List.of("bc_logreg", "bc_mlp", "diabetes_reg", "digits_cnn", "digits_mlp_gap");

    record Fixture(String name, IntModel model, QuantSpec spec, CsvDataset test) {
        long[] input(int row) {
            return spec.quantiseInput(test.features()[row]);
        }
    }

    private static final Map<String, Fixture> CACHE = new ConcurrentHashMap<>();
    private static final Map<String, CommittedModel> COMMITTED = new ConcurrentHashMap<>();

    private Fixtures() {}

    static String data(String model) {
        return switch (model) {
            case "bc_logreg", "bc_mlp" -> "breast_cancer";
            case "diabetes_reg" -> "diabetes";
            default -> "digits";
        };
    }

    static Fixture get(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            var q = ModelPipeline.quantize(DIR.resolve(n + ".onnx"), DIR.resolve(data(n) + "_calib.csv"), QuantConfig.DEFAULT, Map.of(),
                    List.of(), n);
            return new Fixture(n, q.quantized().intModel(), q.quantized().spec(), CsvDataset.read(DIR.resolve(data(n) + "_test.csv")));
        });
    }

    static CommittedModel committed(String name) {
        return COMMITTED.computeIfAbsent(name, n -> CommittedModel.commit(get(n).model()));
    }
}
