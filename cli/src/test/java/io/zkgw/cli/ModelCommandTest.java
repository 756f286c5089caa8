package io.zkgw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line on the real fixtures: exit codes and what it prints. */
class ModelCommandTest {
    static final Path FIX = Path.of("../inference/src/test/resources/fixtures");

    @TempDir
    Path tmp;

    static CliRun.Run zkgw(String... args) {
        return CliRun.zkgw(args);
    }

    @Test
    void quantizeInfoAndRun() {
        Path zkm = tmp.resolve("bc.zkm");
        CliRun.Run q = zkgw("model", "quantize", "--onnx", FIX.resolve("bc_mlp.onnx").toString(), "--calib",
                FIX.resolve("breast_cancer_calib.csv").toString(), "--eval", FIX.resolve("breast_cancer_test.csv").toString(),
                "--labels", "malignant,benign", "--out", zkm.toString());
        assertEquals(0, q.code(), q.err());
        assertTrue(q.out().contains("quantised    accuracy"), q.out());
        assertTrue(q.out().contains("143/143 witnesses identical"), q.out());
        assertTrue(Files.exists(zkm));

        CliRun.Run info = zkgw("model", "info", zkm.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("labels [malignant, benign]"), info.out());
        assertTrue(info.out().contains("metric       quantised: accuracy"), info.out());

        CliRun.Run run = zkgw("model", "run", "--model", zkm.toString(), "--csv", FIX.resolve("breast_cancer_test.csv").toString(),
                "--row", "3");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().matches("(?s).*prediction   class (malignant|benign).*"), run.out());
        assertTrue(run.out().contains("== Java interpreter: true"), run.out());
    }

    @Test
    void errorsExitOneWithTheReason() throws Exception {
        CliRun.Run missing = zkgw("model", "quantize", "--onnx", tmp.resolve("nope.onnx").toString(), "--calib",
                FIX.resolve("breast_cancer_calib.csv").toString(), "--out", tmp.resolve("x.zkm").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("zkgw: error: cannot read ONNX file"), missing.err());

        CliRun.Run wrongCsv = zkgw("model", "quantize", "--onnx", FIX.resolve("bc_mlp.onnx").toString(), "--calib",
                FIX.resolve("digits_calib.csv").toString(), "--out", tmp.resolve("x.zkm").toString());
        assertEquals(1, wrongCsv.code());
        assertTrue(wrongCsv.err().contains("64 feature columns"), wrongCsv.err());

        Path bad = tmp.resolve("bad.onnx");
        Files.write(bad, new byte[] {8, (byte) 0x80});
        CliRun.Run corrupt = zkgw("model", "quantize", "--onnx", bad.toString(), "--calib",
                FIX.resolve("breast_cancer_calib.csv").toString(), "--out", tmp.resolve("x.zkm").toString());
        assertEquals(1, corrupt.code());
        assertTrue(corrupt.err().contains("corrupt ONNX"), corrupt.err());

        CliRun.Run usage = zkgw("model", "quantize", "--onnx");
        assertEquals(2, usage.code());
    }
}
