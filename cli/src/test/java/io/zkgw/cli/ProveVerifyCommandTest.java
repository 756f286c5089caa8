package io.zkgw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** zkgw prove / zkgw verify on the breast-cancer MLP: accepts the honest proof, rejects tampering with a reason. */
class ProveVerifyCommandTest {
    @TempDir
    Path tmp;

    @Test
    void proveVerifyUnmaskAndRejectTampering() throws Exception {
        Path zkm = tmp.resolve("bc.zkm");
        Path csv = ModelCommandTest.FIX.resolve("breast_cancer_test.csv");
        assertEquals(0, ModelCommandTest.zkgw("model", "quantize", "--onnx", ModelCommandTest.FIX.resolve("bc_mlp.onnx")
                .toString(), "--calib", ModelCommandTest.FIX.resolve("breast_cancer_calib.csv").toString(), "--labels",
                "malignant,benign", "--out", zkm.toString()).code());
        Path dir = tmp.resolve("p");
        var p = ModelCommandTest.zkgw("prove", "--model", zkm.toString(), "--csv", csv.toString(), "--row", "5",
                "--out", dir.toString());
        assertEquals(0, p.code(), p.err());
        var v = ModelCommandTest.zkgw("verify", "--dir", dir.toString(), "--mask-seed-file",
                dir.resolve("requester-mask-seed.txt").toString(), "--model", zkm.toString());
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().startsWith("OK: proof verified"), v.out());
        var direct = ModelCommandTest.zkgw("model", "run", "--model", zkm.toString(), "--csv", csv.toString(), "--row", "5");
        String prediction = direct.out().lines().filter(l -> l.startsWith("prediction")).findFirst().orElseThrow();
        assertTrue(v.out().contains(prediction), v.out() + " vs " + prediction);

        Path statement = dir.resolve("statement.txt");
        String honest = Files.readString(statement);
        String z = honest.lines().filter(l -> l.startsWith("z=")).findFirst().orElseThrow();
        long z0 = Long.parseUnsignedLong(z.substring(2).split(",")[0]);
        Files.writeString(statement, honest.replace(z, "z=" + Long.toUnsignedString(z0 == 0 ? 1 : z0 - 1)));
        var forged = ModelCommandTest.zkgw("verify", "--dir", dir.toString());
        assertEquals(1, forged.code());
        assertTrue(forged.err().contains("proof REJECTED"), forged.err());
        Files.writeString(statement, honest);

        byte[] proof = Files.readAllBytes(dir.resolve("proof.bin"));
        proof[proof.length / 2] ^= 0x10;
        Files.write(dir.resolve("proof.bin"), proof);
        var flipped = ModelCommandTest.zkgw("verify", "--dir", dir.toString());
        assertEquals(1, flipped.code());
        assertTrue(flipped.err().contains("REJECTED"), flipped.err());
    }
}
