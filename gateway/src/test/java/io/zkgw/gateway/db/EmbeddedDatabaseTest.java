package io.zkgw.gateway.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.zkgw.gateway.dataset.DatasetService;
import io.zkgw.gateway.job.JobEntity;
import io.zkgw.gateway.job.JobRepository;
import io.zkgw.gateway.model.ModelService;
import io.zkgw.gateway.testing.Fixtures;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The same application on the embedded default database (the default configuration, H2 file in the
 * data dir): it starts, Flyway migrates, registration works, and the worker's row-locked claim works
 * through Hibernate on H2 (a second claimer does not get a job the first holds). OIDC is switched off
 * in this profile: no endpoint is called, only services.
 */
@QuarkusTest
@TestProfile(EmbeddedDatabaseTest.Embedded.class)
class EmbeddedDatabaseTest {
    public static class Embedded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.embedded.active", "true",
                    "quarkus.hibernate-orm.embedded.active", "true", "quarkus.flyway.embedded.active", "true",
                    "quarkus.datasource.postgresql.active", "false",
                    "quarkus.hibernate-orm.postgresql.active", "false", "quarkus.flyway.postgresql.active", "false",
                    "zkgw.data-dir", Path.of("target/gateway-embedded-test", UUID.randomUUID().toString()).toAbsolutePath().toString(),
                    "quarkus.oidc.tenant-enabled", "false");
        }
    }

    @Inject
    GatewayDatabase database;

    @Inject
    DatasetService datasets;

    @Inject
    ModelService models;

    @Inject
    JobRepository jobs;

    @Inject
    io.zkgw.gateway.config.GatewayConfig config;

    @Test
    void runsOnTheEmbeddedDatabase() {
        assertEquals(GatewayDatabase.EMBEDDED, database.activeKind());
        assertTrue(Files.isDirectory(config.dataDir().resolve("db")), "the H2 file lives in the data dir");

        var d = datasets.register(Fixtures.unique("emb"), Fixtures.file("breast_cancer_calib.csv"), "test");
        assertEquals(200, d.recordCount);
        var m = models.register(new ModelService.Registration(Fixtures.unique("emb-mlp"), Fixtures.file("bc_mlp.onnx"),
                Fixtures.file("breast_cancer_calib.csv"), d.id, 4, List.of(), null), "test");
        assertTrue(Files.exists(Path.of(m.zkmPath)));

        JobEntity j = new JobEntity();
        j.requestId = "ab".repeat(32);
        j.modelId = m.id;
        j.chainModelId = new byte[32];
        j.requester = "cd".repeat(20);
        j.fee = 4;
        j.requestHeight = 1;
        j.deadlineHeight = 10;
        j.inputCommitment = new byte[33];
        j.maskCommitment = new byte[33];
        j.encryptedPayload = new byte[] {1};
        UUID id = jobs.insertIfAbsent(j);
        assertEquals(List.of(id), jobs.claim("first", 4, Duration.ofMinutes(1)));
        assertEquals(List.of(), jobs.claim("second", 4, Duration.ofMinutes(1)), "a held job is not claimed twice");
        assertTrue(jobs.viewIfHeld(id, "first").isPresent());
        assertTrue(jobs.viewIfHeld(id, "second").isEmpty());
    }
}
