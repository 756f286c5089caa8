package io.zkgw.gateway.testing;

import static io.restassured.RestAssured.given;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The shipped fixtures (inference/src/test/resources/fixtures) and their registration through the API. */
public final class Fixtures {
    private Fixtures() {}

    public static Path dir() {
        Path d = Path.of(System.getProperty("zkgw-test.fixtures.dir", "../inference/src/test/resources/fixtures"))
                .toAbsolutePath().normalize();
        if (!Files.isDirectory(d)) {
            throw new IllegalStateException("fixtures folder not found: " + d);
        }
        return d;
    }

    public static Path file(String name) {
        return dir().resolve(name);
    }

    /** Registers the breast-cancer calibration CSV as a dataset (as hospital-admin); returns its id. */
    public static UUID registerDataset(String name) {
        String id = given().auth().oauth2(Tokens.forRole("hospital-admin")).contentType("application/json")
                .body(Map.of("name", name, "path", file("breast_cancer_calib.csv").toString()))
                .when().post("/api/datasets").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /** Registers bc_mlp.onnx with its calibration set against {@code dataset}; returns its id. */
    public static UUID registerModel(String name, UUID dataset) {
        String id = given().auth().oauth2(Tokens.forRole("hospital-admin")).contentType("application/json")
                .body(Map.of("name", name, "onnxPath", file("bc_mlp.onnx").toString(),
                        "calibrationPath", file("breast_cancer_calib.csv").toString(), "datasetId", dataset.toString(),
                        "price", 7, "labels", List.of("malignant", "benign")))
                .when().post("/api/models").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
