package io.zkgw.gateway.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.zkgw.commitments.audit.AuditEntry;
import io.zkgw.commitments.audit.AuditLog;
import io.zkgw.commitments.dataset.DatasetCommitter;
import io.zkgw.gateway.config.GatewayConfig;
import io.zkgw.gateway.keys.DatasetSaltKey;
import io.zkgw.gateway.keys.ModelBlindingKey;
import io.zkgw.gateway.model.ModelService;
import io.zkgw.gateway.testing.Fixtures;
import io.zkgw.gateway.testing.KeycloakTestResource;
import io.zkgw.gateway.testing.Tokens;
import io.zkgw.inference.card.ZkmFile;
import io.zkgw.prover.inference.CommittedModel;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dataset and model registration end to end on the real fixtures: the stored commitments equal what
 * commitments/ and prover/ compute independently, the dataset file is not copied, the audit log records
 * both and verifies, and bad requests are refused naming what is wrong.
 */
@QuarkusTest
@WithTestResource(KeycloakTestResource.class)
class RegistrationTest {
    @Inject
    DatasetSaltKey saltKey;

    @Inject
    ModelBlindingKey modelBlinding;

    @Inject
    GatewayConfig config;

    @Inject
    ModelService models;

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void datasetThenModel() throws Exception {
        Path csv = Fixtures.file("breast_cancer_calib.csv");
        String name = Fixtures.unique("bc-calib");
        ExtractableResponse<Response> d = given().auth().oauth2(Tokens.forRole("data-steward")).contentType("application/json")
                .body(Map.of("name", name, "path", csv.toString()))
                .when().post("/api/datasets").then().statusCode(201).extract();

        // the same commitment, computed here with the gateway's salt key straight from commitments/
        var expected = new DatasetCommitter(saltKey.datasetSaltKey()).commit(csv).commitment();
        long lines = Files.readAllLines(csv).stream().filter(l -> !l.isEmpty()).count();
        assertEquals(HEX.formatHex(expected.root()), d.path("merkleRoot"));
        assertEquals(lines - 1, ((Number) d.path("recordCount")).longValue());
        assertEquals(expected.recordCount(), ((Number) d.path("recordCount")).longValue());
        assertEquals(HEX.formatHex(expected.schemaHash()), d.path("schemaHash"));
        assertEquals(HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(csv))), d.path("fileSha256"));
        assertEquals("REGISTERED", d.path("status"));
        assertEquals("steward-user", d.path("registeredBy"));
        assertNoCopyOf(csv);

        UUID datasetId = UUID.fromString(d.path("id"));
        ExtractableResponse<Response> m = given().auth().oauth2(Tokens.forRole("hospital-admin")).contentType("application/json")
                .body(Map.of("name", Fixtures.unique("bc-mlp"), "onnxPath", Fixtures.file("bc_mlp.onnx").toString(),
                        "calibrationPath", csv.toString(), "datasetId", datasetId.toString(), "price", 7,
                        "labels", List.of("malignant", "benign"), "policyHash", "ab".repeat(32)))
                .when().post("/api/models").then().statusCode(201).extract();
        UUID modelId = UUID.fromString(m.path("id"));
        var entity = models.find(modelId).orElseThrow();
        // re-commit the stored .zkm independently: the stored commitment must be exactly C_W, hash(D)
        var zkm = ZkmFile.read(Path.of(entity.zkmPath));
        var recommitted = CommittedModel.commit(zkm.model(), modelBlinding.forModel(modelId));
        assertEquals(HEX.formatHex(recommitted.commitment().encode()), m.path("modelCommitment"));
        assertEquals(recommitted.commitment().circuitHash().toHex(), m.path("circuitHash"));
        assertEquals(recommitted.description().encode().length, (int) m.path("circuitSize"));
        assertEquals(zkm.model().parameterCount(), ((Number) m.path("parameterCount")).longValue());
        assertEquals(7, (int) m.path("price"));
        assertEquals("ab".repeat(32), m.path("policyHash"));
        assertTrue(Path.of(entity.zkmPath).startsWith(config.dataDir().toAbsolutePath()), "the .zkm lives in the data dir");

        String commitments = given().auth().oauth2(Tokens.forRole("auditor")).when().get("/api/commitments")
                .then().statusCode(200).extract().asString();
        assertTrue(commitments.contains(HEX.formatHex(expected.root())), commitments);
        assertTrue(commitments.contains((String) m.path("modelCommitment")), commitments);

        // the audit export verifies against the head the gateway reports, and names both registrations
        Response audit = given().auth().oauth2(Tokens.forRole("auditor")).when().get("/api/audit-log")
                .then().statusCode(200).extract().response();
        List<AuditEntry> log = AuditLog.parse(audit.asString());
        byte[] head = HEX.parseHex(audit.header(AuditResource.HEAD_HEADER));
        assertTrue(AuditLog.verify(log, head).ok(), AuditLog.verify(log, head).reason());
        assertTrue(log.stream().anyMatch(e -> e.type().equals("dataset_registered")
                && new String(e.payload()).contains("dataset=" + datasetId)));
        assertTrue(log.stream().anyMatch(e -> e.type().equals("model_registered")
                && new String(e.payload()).contains("model=" + modelId)));
        // an edited export is caught
        if (!log.isEmpty()) {
            var e0 = log.get(0);
            var edited = new java.util.ArrayList<>(log);
            edited.set(0, new AuditEntry(e0.seq(), e0.type(), "dataset=forged\n".getBytes(), e0.prevHash(), e0.hash()));
            assertFalse(AuditLog.verify(edited, head).ok());
        }
    }

    @Test
    void badRegistrationsNameTheProblem() {
        String token = Tokens.forRole("hospital-admin");
        String missing = Fixtures.dir().resolve("no-such-file.csv").toString();
        String msg = given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("name", Fixtures.unique("x"), "path", missing))
                .when().post("/api/datasets").then().statusCode(400).extract().path("error");
        assertTrue(msg.contains(missing), msg);

        msg = given().auth().oauth2(token).contentType("application/json").body(Map.of("name", "y", "path", "relative.csv"))
                .when().post("/api/datasets").then().statusCode(400).extract().path("error");
        assertTrue(msg.contains("absolute"), msg);

        String name = Fixtures.unique("dup");
        UUID ds = Fixtures.registerDataset(name);
        msg = given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("name", name, "path", Fixtures.file("breast_cancer_test.csv").toString()))
                .when().post("/api/datasets").then().statusCode(400).extract().path("error");
        assertTrue(msg.contains("already registered"), msg);

        UUID unknown = UUID.randomUUID();
        msg = given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("name", Fixtures.unique("m"), "onnxPath", Fixtures.file("bc_mlp.onnx").toString(),
                        "calibrationPath", Fixtures.file("breast_cancer_calib.csv").toString(),
                        "datasetId", unknown.toString(), "price", 1))
                .when().post("/api/models").then().statusCode(400).extract().path("error");
        assertTrue(msg.contains(unknown.toString()), msg);

        // a calibration set of the wrong width (digits has 64 features, the MLP takes 30)
        msg = given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("name", Fixtures.unique("m"), "onnxPath", Fixtures.file("bc_mlp.onnx").toString(),
                        "calibrationPath", Fixtures.file("digits_calib.csv").toString(), "datasetId", ds.toString(), "price", 1))
                .when().post("/api/models").then().statusCode(400).extract().path("error");
        assertTrue(msg.contains("calibration"), msg);

        msg = given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("name", Fixtures.unique("m"), "onnxPath", Fixtures.file("bc_mlp.onnx").toString(),
                        "calibrationPath", Fixtures.file("breast_cancer_calib.csv").toString(),
                        "datasetId", ds.toString(), "price", 1, "policyHash", "abcd"))
                .when().post("/api/models").then().statusCode(400).extract().path("error");
        assertTrue(msg.contains("policy hash"), msg);
    }

    /** No file under the data dir has the dataset's content: it was streamed, not copied. */
    private void assertNoCopyOf(Path csv) throws IOException {
        byte[] content = Files.readAllBytes(csv);
        Path dir = config.dataDir();
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (Files.size(f) == content.length) {
                    assertFalse(java.util.Arrays.equals(Files.readAllBytes(f), content), "dataset copied to " + f);
                }
            }
        }
    }
}
