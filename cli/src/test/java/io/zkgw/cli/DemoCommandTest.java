package io.zkgw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main command, on the shipped fixtures. */
class DemoCommandTest {
    @TempDir
    Path tmp;

    @Test
    void demoQuantisesRunsAndAgrees() {
        var r = ModelCommandTest.zkgw("demo", "--fixtures", ModelCommandTest.FIX.toString(), "--work", tmp.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("143/143 witnesses bit-for-bit identical"), r.out());
        assertTrue(r.out().contains("450/450 witnesses bit-for-bit identical"), r.out());
        assertTrue(r.out().matches("(?s).*quantised accuracy 9\\d\\.\\d\\d%.*"), r.out());
        assertTrue(Files.exists(tmp.resolve("bc_mlp.zkm")) && Files.exists(tmp.resolve("digits_cnn.zkm")));
    }
}
