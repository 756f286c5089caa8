package io.zkgw.chainapp.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommittedStoreTest {
    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void reopensAtTheLastCommittedHeight() throws IOException {
        byte[] h3;
        try (CommittedStore s = CommittedStore.open(dir)) {
            SparseMerkleTree t = s.tree();
            for (int h = 1; h <= 3; h++) {
                t = t.put(b("k" + h), b("v" + h)).remove(b("k" + (h - 1)));
                s.commit(h, t);
            }
            h3 = s.appHash();
        }
        try (CommittedStore s = CommittedStore.open(dir)) {
            assertEquals(3, s.height());
            assertArrayEquals(h3, s.appHash());
            assertArrayEquals(b("v3"), s.tree().get(b("k3")));
            assertEquals(1, s.tree().size());
        }
    }

    @Test
    void aDirectoryIsOpenedByOneInstanceAtATime() throws IOException {
        try (CommittedStore s = CommittedStore.open(dir)) {
            org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> CommittedStore.open(dir));
        }
        CommittedStore.open(dir).close();
    }

    @Test
    void tornTailIsDroppedAndLogStaysUsable() throws IOException {
        byte[] h2;
        try (CommittedStore s = CommittedStore.open(dir)) {
            s.commit(1, s.tree().put(b("a"), b("1")));
            s.commit(2, s.tree().put(b("b"), b("2")));
            h2 = s.appHash();
            s.commit(3, s.tree().put(b("c"), b("3")));
        }
        Path wal = dir.resolve("wal.bin");
        long size = Files.size(wal);
        try (var ch = java.nio.channels.FileChannel.open(wal, StandardOpenOption.WRITE)) {
            ch.truncate(size - 5); // crash in the middle of writing block 3
        }
        try (CommittedStore s = CommittedStore.open(dir)) {
            assertEquals(2, s.height());
            assertArrayEquals(h2, s.appHash());
            s.commit(3, s.tree().put(b("c"), b("3")));
        }
        try (CommittedStore s = CommittedStore.open(dir)) {
            assertEquals(3, s.height());
            assertArrayEquals(b("3"), s.tree().get(b("c")));
        }
    }

    @Test
    void compactionKeepsTheState() throws IOException {
        byte[] last;
        try (CommittedStore s = CommittedStore.open(dir, 2000)) {
            SparseMerkleTree t = s.tree();
            for (int h = 1; h <= 50; h++) {
                t = t.put(b("key" + h), new byte[100]).put(b("counter"), b(Integer.toString(h)));
                s.commit(h, t);
            }
            last = s.appHash();
        }
        assertEquals(true, Files.size(dir.resolve("wal.bin")) < 2000 + 400);
        assertEquals(true, Files.exists(dir.resolve("snapshot.bin")));
        try (CommittedStore s = CommittedStore.open(dir, 2000)) {
            assertEquals(50, s.height());
            assertArrayEquals(last, s.appHash());
            assertEquals(51, s.tree().size());
        }
    }
}
