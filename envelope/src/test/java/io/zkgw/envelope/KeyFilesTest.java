package io.zkgw.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {
    @TempDir
    Path tmp;

    private final SecureRandom random = new SecureRandom();

    @Test
    void writeThenReadBothKindsWithMode600() throws Exception {
        HpkeKeyPair h = HpkeKeyPair.generate(random);
        SigningKey s = SigningKey.generate(random);
        Path hf = tmp.resolve("hpke.key");
        Path sf = tmp.resolve("signing.key");
        KeyFiles.write(hf, h);
        KeyFiles.write(sf, s);
        for (Path f : List.of(hf, sf)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        }
        assertEquals(h, KeyFiles.readHpke(hf));
        assertEquals(s, KeyFiles.readSigning(sf));
        assertEquals(HexFormat.of().formatHex(s.seed()), HexFormat.of().formatHex(KeyFiles.readSigning(sf).seed()));
        assertThrows(FileAlreadyExistsException.class, () -> KeyFiles.write(hf, HpkeKeyPair.generate(random)));
        assertEquals(h, KeyFiles.readHpke(hf), "the existing key is untouched");
        // the wrong kind is named
        KeyFileException wrongKind = assertThrows(KeyFileException.class, () -> KeyFiles.readSigning(hf));
        assertTrue(wrongKind.getMessage().contains("field kind") && wrongKind.getMessage().contains("hpke-x25519"),
                wrongKind.getMessage());
    }

    @Test
    void tooOpenPermissionsAreRefused() throws Exception {
        Path f = tmp.resolve("k");
        KeyFiles.write(f, HpkeKeyPair.generate(random));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        KeyFileException e = assertThrows(KeyFileException.class, () -> KeyFiles.readHpke(f));
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }

    @Test
    void malformedFilesNameTheFieldAndNeverTheKey() {
        SigningKey s = SigningKey.generate(random);
        String good = KeyFiles.encode(s);
        String seedHex = HexFormat.of().formatHex(s.seed());
        String pub = HexFormat.of().formatHex(s.publicKey());
        String other = HexFormat.of().formatHex(SigningKey.generate(random).publicKey());
        record Case(String json, String expect) {}
        List<Case> cases = List.of(
                new Case(good.replace("\"version\": 1", "\"version\": 2"), "field version"),
                new Case(good.replace("\"format\": \"zkgw-key\"", "\"format\": \"pem\""), "field format"),
                new Case(good.replace(pub, other), "field public_key"),
                new Case(good.replace("\"address\"", "\"addr\""), "unknown field 'addr'"),
                new Case(good.replace(",\n  \"address\": \"" + HexFormat.of().formatHex(s.address()) + "\"", ""),
                        "field address is missing"),
                new Case(good.replace(seedHex, seedHex.toUpperCase()), "field private_key"),
                new Case(good.replace(seedHex, seedHex.substring(2)), "field private_key"),
                new Case(good.replace(HexFormat.of().formatHex(s.address()), "00".repeat(20)), "field address"),
                new Case(good.replace("\"kind\"", "\"private_key\": \"" + seedHex + "\", \"kind\""), "appears twice"),
                new Case(good.substring(0, good.length() / 2), "not valid JSON (line"),
                new Case("[1, 2]", "not a JSON object"),
                new Case(good.replace("\"zkgw-key\"", "\"zkgw-key\" " + seedHex), "not valid JSON"));
        for (Case c : cases) {
            KeyFileException e = assertThrows(KeyFileException.class, () -> KeyFiles.decodeSigning(c.json, "keys/signing.key"));
            assertTrue(e.getMessage().startsWith("keys/signing.key"), e.getMessage());
            assertTrue(e.getMessage().contains(c.expect), c.expect + " / " + e.getMessage());
            assertFalse(e.getMessage().toLowerCase().contains(seedHex.substring(0, 16)), "key material in: " + e.getMessage());
        }
    }

    @Test
    void encodingIsStableAndToStringHidesPrivateParts() throws Exception {
        HpkeKeyPair h = HpkeKeyPair.fromPrivateKey(new byte[32]);
        String json = KeyFiles.encode(h);
        assertTrue(json.startsWith("{\n  \"format\": \"zkgw-key\",\n  \"version\": 1,\n  \"kind\": \"hpke-x25519\",\n"), json);
        assertEquals(h, KeyFiles.decodeHpke(json, "x"));
        assertFalse(h.toString().contains("00000000000000000000"), h.toString());
        SigningKey s = SigningKey.generate(random);
        assertFalse(s.toString().contains(HexFormat.of().formatHex(s.seed())));
    }
}
