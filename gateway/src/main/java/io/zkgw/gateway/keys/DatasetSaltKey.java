package io.zkgw.gateway.keys;

import io.zkgw.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The dataset salt key, a secret file on the appliance, generated on first use (owner-only file);
 * losing it means records can no longer be proved against roots committed with it, so operators back
 * it up with the database (docs/operations.md).
 */
@ApplicationScoped
public class DatasetSaltKey {
    @Inject
    GatewayConfig config;

    private volatile byte[] saltKey;

    /** The 32-byte dataset salt key, created if the file does not exist. */
    public byte[] datasetSaltKey() {
        byte[] k = saltKey;
        if (k == null) {
            synchronized (this) {
                if (saltKey == null) {
                    saltKey = loadOrCreate(config.keys().datasetSaltKeyFile(), 32);
                }
                k = saltKey;
            }
        }
        return k.clone();
    }

    static byte[] loadOrCreate(Path file, int length) {
        try {
            if (Files.exists(file)) {
                byte[] k = Files.readAllBytes(file);
                if (k.length != length) {
                    throw new IllegalStateException("key file " + file + " holds " + k.length + " bytes, expected " + length);
                }
                return k;
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] k = new byte[length];
            new SecureRandom().nextBytes(k);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, k, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return k;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create key file " + file + ": " + e.getMessage(), e);
        }
    }
}
