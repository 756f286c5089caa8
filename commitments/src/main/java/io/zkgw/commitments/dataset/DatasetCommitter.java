package io.zkgw.commitments.dataset;

import io.zkgw.commitments.Sha256;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Commits to a dataset file in one streaming pass: the header line is the schema, every following
 * line is a record (its exact bytes, without the line terminator). Leaf = H(0x00 ‖ salt ‖ record) with
 * salt = HMAC-SHA256(key, "zkgw/record-salt/v1" ‖ index), so the root hides low-entropy records while
 * the hospital can re-derive every salt from its key to prove a record to an auditor.
 * Memory: the leaf hashes (32 bytes per record) are kept for proofs; the records are not.
 */
public final class DatasetCommitter {
    private static final byte[] SALT_DOMAIN = "zkgw/record-salt/v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SCHEMA_DOMAIN = "zkgw/dataset-schema/v1".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_LINE = 1 << 24;

    private final byte[] key;

    /** @param key the hospital's secret salt key (32 bytes), kept on the appliance */
    public DatasetCommitter(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("salt key must be 32 bytes");
        }
        this.key = key.clone();
    }

    /** A committed dataset with the leaf hashes needed to prove any record later. */
    public record Committed(DatasetCommitment commitment, List<byte[]> leafHashes) {}

    public static byte[] leafHash(byte[] salt, byte[] record) {
        byte[] data = new byte[salt.length + record.length];
        System.arraycopy(salt, 0, data, 0, salt.length);
        System.arraycopy(record, 0, data, salt.length, record.length);
        return MerkleLog.leafHash(data);
    }

    public byte[] salt(long index) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(SALT_DOMAIN);
            mac.update(ByteBuffer.allocate(8).putLong(index).array());
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    public Committed commit(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return commit(in, file.toString());
        } catch (IOException e) {
            throw new DatasetException("cannot read dataset " + file + ": " + e.getMessage());
        }
    }

    public Committed commit(InputStream in, String source) throws IOException {
        LineReader lines = new LineReader(in, source);
        byte[] header = lines.next();
        if (header == null || header.length == 0) {
            throw new DatasetException(source + ": no header line");
        }
        byte[] schemaHash = Sha256.hash(SCHEMA_DOMAIN, header);
        MerkleLog.Builder tree = new MerkleLog.Builder();
        List<byte[]> leaves = new ArrayList<>();
        byte[] rec;
        while ((rec = lines.next()) != null) {
            if (rec.length == 0) {
                if (lines.atEnd()) {
                    break;
                }
                throw new DatasetException(source + ": line " + lines.lineNumber() + " is empty; a record cannot be empty");
            }
            byte[] leaf = leafHash(salt(leaves.size()), rec);
            leaves.add(leaf);
            tree.add(leaf);
        }
        return new Committed(new DatasetCommitment(tree.root(), leaves.size(), schemaHash), leaves);
    }

    /** Proof for record {@code index} (0-based, the header excluded); re-reads that record from the file. */
    public RecordProof prove(Committed c, Path file, long index) {
        if (index < 0 || index >= c.leafHashes().size()) {
            throw new DatasetException("record " + index + " is outside 0.." + (c.leafHashes().size() - 1));
        }
        byte[] record;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            LineReader lines = new LineReader(in, file.toString());
            lines.next();
            record = null;
            for (long i = 0; i <= index; i++) {
                record = lines.next();
            }
        } catch (IOException e) {
            throw new DatasetException("cannot read dataset " + file + ": " + e.getMessage());
        }
        byte[] salt = salt(index);
        if (record == null || !java.util.Arrays.equals(leafHash(salt, record), c.leafHashes().get((int) index))) {
            throw new DatasetException(file + " changed since it was committed (record " + index + " differs)");
        }
        List<byte[]> path = MerkleLog.path(c.leafHashes(), (int) index, 0, c.leafHashes().size());
        return new RecordProof(index, c.leafHashes().size(), salt, record, path);
    }

    /** Splits on \n, dropping one trailing \r; bounded line length so a file without newlines cannot exhaust memory. */
    private static final class LineReader {
        private final InputStream in;
        private final String source;
        private long line;
        private boolean end;

        LineReader(InputStream in, String source) {
            this.in = in;
            this.source = source;
        }

        long lineNumber() {
            return line;
        }

        boolean atEnd() {
            return end;
        }

        byte[] next() throws IOException {
            if (end) {
                return null;
            }
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                b.write(c);
                if (b.size() > MAX_LINE) {
                    throw new DatasetException(source + ": line " + (line + 1) + " is longer than 16 MiB");
                }
            }
            if (c == -1) {
                end = true;
                if (b.size() == 0) {
                    return line == 0 ? null : new byte[0];
                }
            }
            line++;
            byte[] out = b.toByteArray();
            if (out.length > 0 && out[out.length - 1] == '\r') {
                out = java.util.Arrays.copyOf(out, out.length - 1);
            }
            return out;
        }
    }
}
