package io.zkgw.inference;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Locates the fixture models and CSVs made by tools/fixtures/train_fixtures.py. */
public final class Fixtures {
    private Fixtures() {}

    public static Path path(String name) {
        try {
            var url = Fixtures.class.getResource("/fixtures/" + name);
            if (url == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** model file, calibration CSV, test CSV, and the allowed metric loss after quantisation. */
    public record Fixture(String model, String dataset, double maxAccuracyLoss) {
        public Path onnx() {
            return path(model + ".onnx");
        }

        public Path calib() {
            return path(dataset + "_calib.csv");
        }

        public Path test() {
            return path(dataset + "_test.csv");
        }

        @Override
        public String toString() {
            return model;
        }
    }

    public static final Fixture BC_MLP = new Fixture("bc_mlp", "breast_cancer", 0.01);
    public static final Fixture BC_LOGREG = new Fixture("bc_logreg", "breast_cancer", 0.01);
    public static final Fixture DIABETES = new Fixture("diabetes_reg", "diabetes", Double.NaN);
    public static final Fixture DIGITS_CNN = new Fixture("digits_cnn", "digits", 0.01);
    public static final Fixture DIGITS_GAP = new Fixture("digits_mlp_gap", "digits", 0.02);

    public static Fixture[] all() {
        return new Fixture[] {BC_MLP, BC_LOGREG, DIABETES, DIGITS_CNN, DIGITS_GAP};
    }
}
