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
        int size = 8 * count;
        byte[] buf = scratch(size);
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
        int size = 8 * rows.length;
        byte[] buf = scratch(size);
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
        byte[] buf = leafBuffer(salts, saltOff, saltLen, rows.length);
        for (int r = 0, at = 1 + saltLen; r < rows.length; r++, at += 8) {
            LONG_LE.set(buf, at, rows[r][col]);
        }
        hashInto(buf, 1 + saltLen + 8 * rows.length, out, outOff);
    }

    /**
     * The leaf hash of values[offset ..+count) salted with salts[saltOff ..+saltLen), written to out[outOff ..]
     * (32 bytes): the same bytes as {@link #leafStrided} with stride 1, hashed in one update without allocating.
     */
    public static void leafInto(byte[] salts, int saltOff, int saltLen, long[] values, int offset, int count, byte[] out, int outOff) {
        byte[] buf = leafBuffer(salts, saltOff, saltLen, count);
        for (int i = 0, at = 1 + saltLen; i < count; i++, at += 8) {
            LONG_LE.set(buf, at, values[offset + i]);
        }
        hashInto(buf, 1 + saltLen + 8 * count, out, outOff);
    }

    /** This thread's scratch buffer holding 0x00 || salt, with room for count values after it. */
    private static byte[] leafBuffer(byte[] salts, int saltOff, int saltLen, int count) {
        byte[] buf = scratch(1 + saltLen + 8 * count);
        buf[0] = LEAF_PREFIX;
        if (saltLen > 0) {
            System.arraycopy(salts, saltOff, buf, 1, saltLen);
        }
        return buf;
    }

    private static byte[] scratch(int size) {
        byte[][] holder = SCRATCH.get();
        if (holder[0].length < size) {
            holder[0] = new byte[size];
        }
        return holder[0];
    }

    private static void hashInto(byte[] buf, int size, byte[] out, int outOff) {
        MessageDigest md = Sha256.threadLocal();
        md.update(buf, 0, size);
        digestInto(md, out, outOff);
    }

    /**
     * The node over left[leftOff ..+32) and right[rightOff ..+32), written to out[outOff ..] (32 bytes; out may
     * overlap either input): the same bytes as {@link #node}, hashed in one update without allocating.
     */
    public static void nodeInto(byte[] left, int leftOff, byte[] right, int rightOff, byte[] out, int outOff) {
        byte[] buf = scratch(1 + 2 * Digest.LENGTH);
        buf[0] = NODE_PREFIX;
        System.arraycopy(left, leftOff, buf, 1, Digest.LENGTH);
        System.arraycopy(right, rightOff, buf, 1 + Digest.LENGTH, Digest.LENGTH);
        hashInto(buf, 1 + 2 * Digest.LENGTH, out, outOff);
    }

    /** The node over the two adjacent digests level[pairOff ..+64), written to out[outOff ..] (32 bytes). */
    public static void nodeInto(byte[] level, int pairOff, byte[] out, int outOff) {
        nodeInto(level, pairOff, level, pairOff + Digest.LENGTH, out, outOff);
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
