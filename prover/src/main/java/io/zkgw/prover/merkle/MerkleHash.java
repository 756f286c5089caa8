package io.zkgw.prover.merkle;

import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.hash.Sha256;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;

/**
 * Leaf and node hashing for Merkle trees of field-element vectors.
 *
 * <pre>
 *   leaf = SHA-256( 0x00 || salt || v_0 || v_1 || ... )   each v_i 8 bytes little-endian, canonical
 *   node = SHA-256( 0x01 || left || right )
 * </pre>
 * The prefix bytes separate leaves from nodes (no second-preimage by reinterpreting a node as a leaf).
 * The salt is empty today; it is where the zero-knowledge variant puts per-leaf randomness so that a
 * leaf hash reveals nothing about an unopened column.
 */
public final class MerkleHash {
    static final byte LEAF_PREFIX = 0x00;
    static final byte NODE_PREFIX = 0x01;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final ThreadLocal<byte[][]> SCRATCH = ThreadLocal.withInitial(() -> new byte[1][0]);

    private MerkleHash() {}

    /** Hash of a leaf holding values[0..n). */
    public static byte[] leaf(byte[] salt, long[] values) {
        return leafStrided(salt, values, 0, 1, values.length);
    }

    /**
     * Hash of a leaf holding values[offset], values[offset + stride], ... (count entries): a column of a
     * row-major matrix, without copying it out first.
     */
    public static byte[] leafStrided(byte[] salt, long[] values, int offset, int stride, int count) {
        byte[][] holder = SCRATCH.get();
        int size = 8 * count;
        if (holder[0].length < size) {
            holder[0] = new byte[size];
        }
        byte[] buf = holder[0];
        for (int i = 0, at = offset; i < count; i++, at += stride) {
            LONG_LE.set(buf, 8 * i, values[at]);
        }
        MessageDigest md = Sha256.threadLocal();
        md.update(LEAF_PREFIX);
        md.update(salt);
        md.update(buf, 0, size);
        return md.digest();
    }

    /** Leaf hash of the column formed by rows[r][col] for r = 0..rows.length-1. */
    public static byte[] leafColumn(byte[] salt, long[][] rows, int col) {
        byte[][] holder = SCRATCH.get();
        int size = 8 * rows.length;
        if (holder[0].length < size) {
            holder[0] = new byte[size];
        }
        byte[] buf = holder[0];
        for (int r = 0; r < rows.length; r++) {
            LONG_LE.set(buf, 8 * r, rows[r][col]);
        }
        MessageDigest md = Sha256.threadLocal();
        md.update(LEAF_PREFIX);
        md.update(salt);
        md.update(buf, 0, size);
        return md.digest();
    }

    /**
     * The leaf hash of column col of rows, salted with salts[saltOff .. saltOff + saltLen), written to
     * out[outOff ..] (32 bytes): the same bytes as {@link #leafColumn}, hashed in one update without allocating.
     */
    public static void leafColumnInto(byte[] salts, int saltOff, int saltLen, long[][] rows, int col, byte[] out, int outOff) {
        byte[][] holder = SCRATCH.get();
        int size = 1 + saltLen + 8 * rows.length;
        if (holder[0].length < size) {
            holder[0] = new byte[size];
        }
        byte[] buf = holder[0];
        buf[0] = LEAF_PREFIX;
        if (saltLen > 0) {
            System.arraycopy(salts, saltOff, buf, 1, saltLen);
        }
        for (int r = 0, at = 1 + saltLen; r < rows.length; r++, at += 8) {
            LONG_LE.set(buf, at, rows[r][col]);
        }
        MessageDigest md = Sha256.threadLocal();
        md.update(buf, 0, size);
        digestInto(md, out, outOff);
    }

    /** The node over the two adjacent digests level[pairOff ..+64), written to out[outOff ..] (32 bytes). */
    public static void nodeInto(byte[] level, int pairOff, byte[] out, int outOff) {
        MessageDigest md = Sha256.threadLocal();
        md.update(NODE_PREFIX);
        md.update(level, pairOff, 2 * Digest.LENGTH);
        digestInto(md, out, outOff);
    }

    private static void digestInto(MessageDigest md, byte[] out, int outOff) {
        try {
            md.digest(out, outOff, Digest.LENGTH);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] node(byte[] left, int leftOff, byte[] right, int rightOff) {
        MessageDigest md = Sha256.threadLocal();
        md.update(NODE_PREFIX);
        md.update(left, leftOff, Digest.LENGTH);
        md.update(right, rightOff, Digest.LENGTH);
        return md.digest();
    }
}
