package io.zkgw.gateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.cli.Main;
import io.zkgw.gateway.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's main command, {@code zkgw demo}, whole: a local validator, this module's packaged gateway
 * as a process on its embedded database, the clinician's request and the result whose proof the
 * clinician verified. Runs in the integration-test phase, after the gateway jar is built.
 */
class DemoIT {
    @Test
    void theDemoSellsOneVerifiedPrediction() throws Exception {
        Path work = Files.createTempDirectory("zkgw-demo-it");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int rc;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            rc = Main.execute("demo", "--fixtures", Fixtures.dir().toString(), "--work", work.toString(),
                    "--gateway", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString(),
                    "--policies", Path.of("../policies").toAbsolutePath().normalize().toString());
        } finally {
            System.setOut(old);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        assertEquals(0, rc, text);
        assertTrue(text.contains("status       fulfilled at height"), text);
        assertTrue(text.contains("proof verified"), text);
        assertTrue(text.matches("(?s).*prediction   (benign|malignant) \\(class [01].*"), text);
        assertTrue(text.contains("clinician    1,000,000 -> 999,989 (-11"), text);
        assertTrue(text.contains("model_committed") && text.contains("prediction_fulfilled"), text);
    }
}
