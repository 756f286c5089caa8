package io.zkgw.cli.clinician;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files only their owner may read: directories 0700, files 0600, written whole (temp file, fsync, rename). */
final class PrivateFiles {
    static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_RWX = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {}

    static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Creates {@code dir} (and missing parents) with mode 0700. An existing directory is left as it is. */
    static void directory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && !Files.exists(parent)) {
            directory(parent);
        }
        if (posix(dir)) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_RWX));
            Files.setPosixFilePermissions(dir, OWNER_RWX); // umask may have removed bits; make it exact
        } else {
            Files.createDirectory(dir);
        }
    }

    /** Writes {@code content} to {@code file} atomically with mode 0600; replaces it only when {@code replace}. */
    static void write(Path file, String content, boolean replace) throws IOException {
        directory(file.toAbsolutePath().getParent());
        if (!replace && Files.exists(file)) {
            throw new IOException(file + " exists");
        }
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try (FileChannel ch = posix(file)
                ? FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(OWNER_RW))
                : FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        if (posix(file)) {
            Files.setPosixFilePermissions(tmp, OWNER_RW);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The content of a private file; refused when group or others may read or write it. */
    static String read(Path file) throws IOException {
        if (posix(file)) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            for (PosixFilePermission p : perms) {
                if (!p.name().startsWith("OWNER_")) {
                    throw new IOException("permissions " + PosixFilePermissions.toString(perms)
                            + " let others read or change it; expected rw------- (chmod 600)");
                }
            }
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
