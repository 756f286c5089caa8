package io.zkgw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command up to the point where it needs the gateway jar, which the cli module is
 * built before: the model step runs for real, then a missing jar is a clear error, not a crash. The
 * whole demo (ledger, gateway process, request, verified result) runs in the gateway module's DemoIT.
 */
class DemoCommandTest {
    @TempDir
    Path tmp;

    @Test
    void theModelStepRunsAndAMissingGatewayIsNamed() {
        Path missing = tmp.resolve("no-such-gateway.jar");
        var r = ModelCommandTest.zkgw("demo", "--fixtures", ModelCommandTest.FIX.toString(), "--work", tmp.resolve("w").toString(),
                "--gateway", missing.toString());
        assertTrue(r.out().contains("143/143 witnesses bit-for-bit identical"), r.out());
        assertTrue(r.out().matches("(?s).*quantised accuracy 9\\d\\.\\d\\d%.*"), r.out());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("gateway not built: " + missing), r.err());
    }
}
