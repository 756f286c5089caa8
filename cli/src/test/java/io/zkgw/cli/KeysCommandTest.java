package io.zkgw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkgw.envelope.HpkeKeyPair;
import io.zkgw.envelope.KeyFiles;
import io.zkgw.envelope.Reason;
import io.zkgw.envelope.SigningKey;
import io.zkgw.policy.Decision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {
    @TempDir
    Path tmp;

    @Test
    void newWritesPrivateFilesWithMode600AndPrintsThePublicParts() throws Exception {
        Path dir = tmp.resolve("clinician");
        var run = ModelCommandTest.zkgw("keys", "new", "--out", dir.toString(), "--json");
        assertEquals(0, run.code(), run.err());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        for (String f : new String[] {"signing.key", "hpke.key"}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f))), f);
        }
        SigningKey s = KeyFiles.readSigning(dir.resolve("signing.key"));
        HpkeKeyPair h = KeyFiles.readHpke(dir.resolve("hpke.key"));
        JsonNode printed = new ObjectMapper().readTree(run.out());
        HexFormat hex = HexFormat.of();
        assertEquals(hex.formatHex(s.address()), printed.get("address").asText());
        assertEquals(hex.formatHex(s.publicKey()), printed.get("signing_public_key").asText());
        assertEquals(hex.formatHex(h.publicKey()), printed.get("hpke_public_key").asText());
        assertEquals(printed, new ObjectMapper().readTree(Files.readString(dir.resolve("public.json"))));
        // nothing secret on stdout or stderr
        String privateHex = new ObjectMapper().readTree(Files.readString(dir.resolve("signing.key"))).get("private_key").asText();
        assertFalse(run.out().contains(privateHex) || run.err().contains(privateHex));
        String hpkeHex = new ObjectMapper().readTree(Files.readString(dir.resolve("hpke.key"))).get("private_key").asText();
        assertFalse(run.out().contains(hpkeHex) || run.err().contains(hpkeHex));
    }

    @Test
    void humanOutputAndNoOverwrite() throws Exception {
        var first = ModelCommandTest.zkgw("keys", "new", "--out", tmp.toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().matches("(?s)address\\s+[0-9a-f]{40}\\n.*hpke public key\\s+[0-9a-f]{64}\\n.*"), first.out());
        String before = Files.readString(tmp.resolve("signing.key"));
        var again = ModelCommandTest.zkgw("keys", "new", "--out", tmp.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("refusing to overwrite"), again.err());
        assertEquals(before, Files.readString(tmp.resolve("signing.key")));
        assertEquals(2, ModelCommandTest.zkgw("keys", "new").code(), "--out is required");
    }

    /** The policy module cannot depend on the envelope module; the shared code must agree. */
    @Test
    void policyErrorCodeAgreesWithTheEnvelopeReasonTable() {
        assertEquals(Reason.POLICY_ERROR.code(), Decision.POLICY_ERROR);
    }
}
