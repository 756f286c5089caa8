package io.zkgw.gateway.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkgw.chainclient.tx.TxSigner;
import io.zkgw.envelope.KeyFiles;
import io.zkgw.envelope.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger signer is built from the provider account's envelope/ key file: the seed read back signs
 * for the same account (address) the key file names, and a key file readable by others is refused
 * without its contents appearing in the error.
 */
class CometLedgerKeyTest {
    @TempDir
    Path dir;

    @Test
    void signingSeedGivesTheKeyFilesAccount() throws Exception {
        SigningKey k = SigningKey.generate(new SecureRandom());
        Path file = dir.resolve("chain-signing.key");
        KeyFiles.write(file, k);
        TxSigner signer = new TxSigner("zkgw-test", CometLedger.signingSeed(file));
        assertArrayEquals(k.address(), signer.address().toByteArray());
        assertArrayEquals(k.publicKey(), signer.publicKey().toByteArray());
    }

    @Test
    void aKeyFileOthersCanReadIsRefused() throws Exception {
        SigningKey k = SigningKey.generate(new SecureRandom());
        Path file = dir.resolve("loose.key");
        KeyFiles.write(file, k);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CometLedger.signingSeed(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        String seedHex = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(file))
                .get("private_key").asText();
        assertTrue(!e.getMessage().contains(seedHex), "the error must not quote the key");
    }
}
