package io.zkgw.chainapp.store;

import io.zkgw.chainapp.crypto.Hashes;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

/**
 * The durable home of the committed state: a {@link SparseMerkleTree} version per committed height,
 * kept on disk as a snapshot plus a write-ahead log of per-block changes.
 *
 * <pre>
 *   snapshot.bin : "ZKGWSNP1" | height u64 | appHash[32] | count u64 | (keyLen u32 | key | valLen u32 | val)* | SHA-256 of all before
 *   wal.bin      : record*,  record = "ZWAL" | payloadLen u32 | payload | SHA-256(payload)
 *                  payload = height u64 | appHash[32] | count u32 | (op u8 | keyLen u32 | key | [valLen u32 | val])*
 *                  op 1 = put, 0 = remove
 * </pre>
 *
 * A commit appends one record and fsyncs it. On open, the snapshot is loaded and the log replayed; a
 * torn or corrupt record at the tail (a crash mid-write) ends the replay and is cut off; the replayed
 * root must equal the app hash recorded with each block. When the log grows past a threshold, a new
 * snapshot is written atomically (temp file, fsync, rename) and the log restarts.
 *
 * <p>Not thread-safe: the application calls it from one thread at a time (under its own lock).
 */
public final class CommittedStore implements AutoCloseable {
    private static final byte[] SNAPSHOT_MAGIC = "ZKGWSNP1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int WAL_MAGIC = 0x5a57414c; // "ZWAL"
    private static final int MAX_RECORD = Integer.MAX_VALUE - 64;

    private final Path dir;
    private final long compactAfterBytes;
    private FileChannel wal;
    private FileChannel lockChannel;
    private java.nio.channels.FileLock lock;
    private SparseMerkleTree tree = SparseMerkleTree.empty();
    private long height;
    private byte[] appHash = new byte[0];

    private CommittedStore(Path dir, long compactAfterBytes) {
        this.dir = dir;
        this.compactAfterBytes = compactAfterBytes;
    }

    /** Opens (or creates) the store in {@code dir}, compacting the log after 64 MiB. */
    public static CommittedStore open(Path dir) throws IOException {
        return open(dir, 64L << 20);
    }

    public static CommittedStore open(Path dir, long compactAfterBytes) throws IOException {
        Files.createDirectories(dir);
        CommittedStore s = new CommittedStore(dir, compactAfterBytes);
        s.load();
        return s;
    }

    /** The last committed height, 0 before the first commit. */
    public long height() {
        return height;
    }

    /** The app hash of the last committed height; empty before the first commit. */
    public byte[] appHash() {
        return appHash.clone();
    }

    /** The committed tree (immutable). */
    public SparseMerkleTree tree() {
        return tree;
    }

    /** Makes {@code next} the committed version at {@code newHeight}, durably. */
    public void commit(long newHeight, SparseMerkleTree next) {
        if (newHeight <= height) {
            throw new IllegalArgumentException("commit height " + newHeight + " after " + height);
        }
        byte[] hash = next.rootHash();
        List<SparseMerkleTree.Change> changes = next.diffFrom(tree);
        try {
            byte[] payload = encodeRecord(newHeight, hash, changes);
            ByteBuffer head = ByteBuffer.allocate(8);
            head.putInt(WAL_MAGIC).putInt(payload.length).flip();
            ByteBuffer body = ByteBuffer.wrap(payload);
            ByteBuffer tail = ByteBuffer.wrap(Hashes.sha256(payload));
            long pos = wal.size();
            wal.position(pos);
            while (head.hasRemaining() || body.hasRemaining() || tail.hasRemaining()) {
                wal.write(new ByteBuffer[] {head, body, tail});
            }
            wal.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append block " + newHeight + " to " + dir, e);
        }
        tree = next;
        height = newHeight;
        appHash = hash;
        try {
            if (wal.size() > compactAfterBytes) {
                compact();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compact " + dir, e);
        }
    }

    /** Writes a snapshot of the committed state and restarts the log. */
    public void compact() throws IOException {
        Path tmp = dir.resolve("snapshot.bin.tmp");
        try (OutputStream fos = Files.newOutputStream(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            MessageDigest md = Hashes.sha256();
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new java.security.DigestOutputStream(fos, md), 1 << 16));
            out.write(SNAPSHOT_MAGIC);
            out.writeLong(height);
            out.write(hashOrZero(appHash));
            out.writeLong(tree.size());
            IOException[] failure = new IOException[1];
            tree.forEach((k, v) -> {
                if (failure[0] != null) {
                    return;
                }
                try {
                    out.writeInt(k.length);
                    out.write(k);
                    out.writeInt(v.length);
                    out.write(v);
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            out.flush();
            fos.write(md.digest());
        }
        fsync(tmp);
        move(tmp, dir.resolve("snapshot.bin"));
        // the new snapshot covers every logged block; start an empty log (atomically, same way)
        Path walTmp = dir.resolve("wal.bin.tmp");
        Files.write(walTmp, new byte[0]);
        fsync(walTmp);
        wal.close();
        move(walTmp, dir.resolve("wal.bin"));
        fsyncDir();
        wal = FileChannel.open(dir.resolve("wal.bin"), StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private void load() throws IOException {
        // one process (and one instance) per data directory
        lockChannel = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            lock = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("the state directory " + dir + " is in use by another instance");
        }
        Files.deleteIfExists(dir.resolve("snapshot.bin.tmp"));
        Files.deleteIfExists(dir.resolve("wal.bin.tmp"));
        Path snap = dir.resolve("snapshot.bin");
        if (Files.exists(snap)) {
            loadSnapshot(snap);
        }
        Path walPath = dir.resolve("wal.bin");
        wal = FileChannel.open(walPath, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long good = replayWal();
        if (good < wal.size()) {
            // a torn record from a crash mid-append: drop it, the block will be replayed by CometBFT
            wal.truncate(good);
            wal.force(true);
        }
    }

    private void loadSnapshot(Path snap) throws IOException {
        MessageDigest md = Hashes.sha256();
        long size = Files.size(snap);
        if (size < SNAPSHOT_MAGIC.length + 8 + 32 + 8 + 32) {
            throw new IOException("snapshot " + snap + " is truncated");
        }
        try (InputStream raw = Files.newInputStream(snap)) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(
                    new java.security.DigestInputStream(new LimitedInputStream(raw, size - 32), md), 1 << 16));
            byte[] magic = in.readNBytes(SNAPSHOT_MAGIC.length);
            if (!Arrays.equals(magic, SNAPSHOT_MAGIC)) {
                throw new IOException("not a zkgw snapshot: " + snap);
            }
            long h = in.readLong();
            byte[] hash = in.readNBytes(32);
            long count = in.readLong();
            SparseMerkleTree t = SparseMerkleTree.empty();
            for (long i = 0; i < count; i++) {
                byte[] k = readBlob(in);
                byte[] v = readBlob(in);
                t = t.put(k, v);
            }
            if (in.read() != -1) {
                throw new IOException("trailing bytes in snapshot " + snap);
            }
            byte[] expected = raw.readNBytes(32);
            if (!MessageDigest.isEqual(expected, md.digest())) {
                throw new IOException("snapshot checksum mismatch: " + snap);
            }
            if (h > 0 && !MessageDigest.isEqual(t.rootHash(), hash)) {
                throw new IOException("snapshot root does not match its app hash: " + snap);
            }
            tree = t;
            height = h;
            appHash = h == 0 ? new byte[0] : hash;
        }
    }

    /** Applies valid log records after the snapshot; returns the byte offset after the last good record. */
    private long replayWal() throws IOException {
        long fileSize = wal.size();
        DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(wal.position(0)), 1 << 16));
        long pos = 0;
        while (pos < fileSize) {
            byte[] payload;
            try {
                if (fileSize - pos < 8 + 32) {
                    return pos;
                }
                if (in.readInt() != WAL_MAGIC) {
                    return pos;
                }
                int len = in.readInt();
                if (len < 0 || len > MAX_RECORD || len > fileSize - pos - 8 - 32) {
                    return pos;
                }
                payload = in.readNBytes(len);
                byte[] sum = in.readNBytes(32);
                if (payload.length != len || !MessageDigest.isEqual(sum, Hashes.sha256(payload))) {
                    return pos;
                }
            } catch (EOFException e) {
                return pos;
            }
            applyRecord(payload);
            pos += 8L + payload.length + 32;
        }
        return pos;
    }

    private void applyRecord(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
        long h = in.readLong();
        byte[] hash = in.readNBytes(32);
        int count = in.readInt();
        if (h <= height) {
            return; // already in the snapshot
        }
        SparseMerkleTree t = tree;
        for (int i = 0; i < count; i++) {
            int op = in.readUnsignedByte();
            byte[] k = readBlob(in);
            if (op == 1) {
                t = t.put(k, readBlob(in));
            } else if (op == 0) {
                t = t.remove(k);
            } else {
                throw new IOException("bad op " + op + " in log record for height " + h);
            }
        }
        if (!MessageDigest.isEqual(t.rootHash(), hash)) {
            throw new IOException("replayed state at height " + h + " does not match its recorded app hash");
        }
        tree = t;
        height = h;
        appHash = hash;
    }

    private static byte[] encodeRecord(long h, byte[] hash, List<SparseMerkleTree.Change> changes) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bos);
        out.writeLong(h);
        out.write(hash);
        out.writeInt(changes.size());
        for (SparseMerkleTree.Change c : changes) {
            out.writeByte(c.value() == null ? 0 : 1);
            out.writeInt(c.key().length);
            out.write(c.key());
            if (c.value() != null) {
                out.writeInt(c.value().length);
                out.write(c.value());
            }
        }
        out.flush();
        if (bos.size() > MAX_RECORD) {
            throw new IOException("block change set too large: " + bos.size() + " bytes");
        }
        return bos.toByteArray();
    }

    private static byte[] readBlob(DataInputStream in) throws IOException {
        int len = in.readInt();
        if (len < 0) {
            throw new IOException("negative length");
        }
        byte[] b = in.readNBytes(len);
        if (b.length != len) {
            throw new EOFException();
        }
        return b;
    }

    private static byte[] hashOrZero(byte[] h) {
        return h.length == 32 ? h : new byte[32];
    }

    private static void fsync(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private void fsyncDir() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // not every platform can fsync a directory; the renames are still atomic
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() throws IOException {
        if (wal != null && wal.isOpen()) {
            wal.close();
        }
        if (lockChannel != null && lockChannel.isOpen()) {
            lockChannel.close(); // releases the lock
        }
    }

    /** Reads at most {@code limit} bytes of the underlying stream (without closing it). */
    private static final class LimitedInputStream extends java.io.FilterInputStream {
        private long left;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() {
            // the caller closes the underlying stream
        }
    }
}
