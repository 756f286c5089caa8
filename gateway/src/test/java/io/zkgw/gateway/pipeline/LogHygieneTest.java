package io.zkgw.gateway.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.zkgw.gateway.job.JobEntity;
import io.zkgw.gateway.job.JobRepository;
import io.zkgw.gateway.job.JobState;
import io.zkgw.gateway.job.JobWorker;
import io.zkgw.gateway.model.ModelService;
import io.zkgw.gateway.testing.Fixtures;
import io.zkgw.gateway.testing.KeycloakTestResource;
import io.zkgw.gateway.testing.Requests;
import io.zkgw.inference.card.ZkmFile;
import io.zkgw.ir.IntOp;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Runs registration and a job through proving, then reads every line the gateway logged in this test
 * run (target/gateway-test.log, JSON) and requires that none contains a dataset record (whole lines or
 * any three consecutive values), the patient input (as any window of four values, in the usual
 * separators), or the model's weights (any window of four values).
 */
@QuarkusTest
@WithTestResource(KeycloakTestResource.class)
class LogHygieneTest {
    @Inject
    JobWorker worker;

    @Inject
    JobRepository jobs;

    @Inject
    ModelService models;

    @Test
    void noPatientValueWeightOrRecordIsLogged() throws Exception {
        UUID ds = Fixtures.registerDataset(Fixtures.unique("hyg"));
        UUID modelId = Fixtures.registerModel(Fixtures.unique("hyg-mlp"), ds);
        var m = models.find(modelId).orElseThrow();
        var zkm = ZkmFile.read(Path.of(m.zkmPath));
        Requests.Request req = Requests.build(models, modelId, 4, 9, false);
        long[] x = req.x();
        JobEntity j = req.job();
        UUID id = jobs.insertIfAbsent(j);
        for (int i = 0; i < 6 && jobs.find(id).orElseThrow().state != JobState.PROVED; i++) {
            worker.runOnce("hygiene-worker", null);
        }
        assertEquals(JobState.PROVED, jobs.find(id).orElseThrow().state);

        Path log = Path.of("target/gateway-test.log");
        assertTrue(Files.exists(log), "the test profile logs to " + log);
        String text = Files.readString(log);
        assertTrue(text.contains(id.toString()), "the job's progress is logged (by id)");

        List<String> forbidden = new ArrayList<>();
        List<String> lines = Files.readAllLines(Fixtures.file("breast_cancer_calib.csv"));
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            forbidden.add(line);
            String[] v = line.split(",");
            for (int i = 0; i + 3 <= v.length; i++) {
                forbidden.add(String.join(",", Arrays.copyOfRange(v, i, i + 3)));
            }
        }
        forbidden.addAll(windows(x, 4));
        for (IntOp op : zkm.model().ops()) {
            if (op instanceof IntOp.Dense d) {
                forbidden.addAll(windows(d.w(), 4));
            }
        }
        for (String f : forbidden) {
            assertFalse(text.contains(f), "the log contains data it must not: " + f);
        }
    }

    /** Every window of {@code n} consecutive values, joined as code would print them. */
    private static List<String> windows(long[] v, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i + n <= v.length; i++) {
            long[] w = Arrays.copyOfRange(v, i, i + n);
            for (String sep : List.of(",", ", ", " ")) {
                out.add(LongStream.of(w).mapToObj(Long::toString).collect(Collectors.joining(sep)));
            }
        }
        return out;
    }
}
