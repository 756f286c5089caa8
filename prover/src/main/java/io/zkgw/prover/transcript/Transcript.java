package io.zkgw.prover.transcript;

import io.zkgw.prover.field.BaseVector;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.field.Goldilocks;
import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.hash.Sha256;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Fiat–Shamir transcript over SHA-256: a hash chain that absorbs labelled, typed, length-prefixed
 * messages and squeezes uniform challenges by rejection sampling.
 *
 * <pre>
 *   s_0       = H( 0x00 || u32(|protocol|) || protocol || u32(version) )
 *   absorb    : s = H( s || 0x01 || tag || u32(|label|) || label || u64(|data|) || data )
 *   squeeze   : s = H( s || 0x02 || tag || u32(|label|) || label )
 *               output blocks B_j = H( s || 0x03 || u32(j) ), j = 0, 1, ...
 *               read as consecutive u64 little-endian words; a word w is accepted iff w &lt; bound
 * </pre>
 * Integers are little-endian; labels are UTF-8. The type tag keeps a base element, an extension element
 * and raw bytes with equal byte strings apart. Base challenges accept w &lt; p (rejection probability
 * about 2^-32 per word), so they are exactly uniform; an extension challenge is two base challenges
 * (c0 then c1). Index challenges in [0, n) accept w below the largest multiple of n that fits in 2^64,
 * then take w mod n.
 *
 * <p>Not thread-safe; one transcript per proof. {@link #copy()} forks it (tests, speculative checks).
 */
public final class Transcript {
    /** Type tags of absorbed and squeezed items. */
    public static final byte TAG_BYTES = 1;
    public static final byte TAG_U64 = 2;
    public static final byte TAG_FIELD = 3;
    public static final byte TAG_FIELD_VECTOR = 4;
    public static final byte TAG_EXT = 5;
    public static final byte TAG_EXT_VECTOR = 6;
    public static final byte TAG_DIGEST = 7;
    public static final byte TAG_CHALLENGE_FIELD = 16;
    public static final byte TAG_CHALLENGE_EXT = 17;
    public static final byte TAG_CHALLENGE_INDEX = 18;

    private static final byte OP_INIT = 0;
    private static final byte OP_ABSORB = 1;
    private static final byte OP_SQUEEZE = 2;
    private static final byte OP_OUTPUT = 3;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final MessageDigest md = Sha256.newDigest();
    private byte[] state;

    private Transcript(byte[] state) {
        this.state = state;
    }

    /** A fresh transcript bound to a protocol name and version (domain separation). */
    public static Transcript create(String protocol, int version) {
        MessageDigest md = Sha256.newDigest();
        md.update(OP_INIT);
        byte[] p = protocol.getBytes(StandardCharsets.UTF_8);
        md.update(u32(p.length));
        md.update(p);
        md.update(u32(version));
        return new Transcript(md.digest());
    }

    public Transcript copy() {
        return new Transcript(state.clone());
    }

    /** The current chaining value, for tests and known-answer vectors. */
    public Digest state() {
        return Digest.of(state);
    }

    // ---------------- absorbing ----------------

    private void begin(byte op, byte tag, String label) {
        md.reset();
        md.update(state);
        md.update(op);
        md.update(tag);
        byte[] l = label.getBytes(StandardCharsets.UTF_8);
        md.update(u32(l.length));
        md.update(l);
    }

    private void absorbRaw(byte tag, String label, byte[] data, int off, int len) {
        begin(OP_ABSORB, tag, label);
        md.update(u64(len));
        md.update(data, off, len);
        state = md.digest();
    }

    public void absorbBytes(String label, byte[] data) {
        absorbRaw(TAG_BYTES, label, data, 0, data.length);
    }

    public void absorbU64(String label, long v) {
        absorbRaw(TAG_U64, label, u64(v), 0, 8);
    }

    public void absorbField(String label, long v) {
        requireCanonical(v);
        absorbRaw(TAG_FIELD, label, u64(v), 0, 8);
    }

    public void absorbFields(String label, long[] v) {
        byte[] b = new byte[8 * v.length];
        for (int i = 0; i < v.length; i++) {
            requireCanonical(v[i]);
            LONG_LE.set(b, 8 * i, v[i]);
        }
        absorbRaw(TAG_FIELD_VECTOR, label, b, 0, b.length);
    }

    public void absorbFields(String label, BaseVector v) {
        byte[] b = new byte[8 * v.size()];
        for (int i = 0; i < v.size(); i++) {
            LONG_LE.set(b, 8 * i, v.get(i));
        }
        absorbRaw(TAG_FIELD_VECTOR, label, b, 0, b.length);
    }

    public void absorbExt(String label, Ext2 v) {
        byte[] b = new byte[16];
        LONG_LE.set(b, 0, v.c0());
        LONG_LE.set(b, 8, v.c1());
        absorbRaw(TAG_EXT, label, b, 0, 16);
    }

    /** Extension vector, interleaved c0, c1 per element (the same layout as the wire encoding). */
    public void absorbExts(String label, ExtVector v) {
        byte[] b = new byte[16 * v.size()];
        for (int i = 0; i < v.size(); i++) {
            LONG_LE.set(b, 16 * i, v.re(i));
            LONG_LE.set(b, 16 * i + 8, v.im(i));
        }
        absorbRaw(TAG_EXT_VECTOR, label, b, 0, b.length);
    }

    public void absorbDigest(String label, Digest d) {
        absorbRaw(TAG_DIGEST, label, d.toByteArray(), 0, Digest.LENGTH);
    }

    // ---------------- squeezing ----------------

    /** Word stream of one squeeze. */
    private final class Output {
        private final byte[] seed;
        private byte[] block = new byte[0];
        private int counter;
        private int pos;

        Output(byte tag, String label) {
            begin(OP_SQUEEZE, tag, label);
            state = md.digest();
            seed = state.clone();
        }

        long nextWord() {
            if (pos + 8 > block.length) {
                md.reset();
                md.update(seed);
                md.update(OP_OUTPUT);
                md.update(u32(counter++));
                block = md.digest();
                pos = 0;
            }
            long w = (long) LONG_LE.get(block, pos);
            pos += 8;
            return w;
        }

        long nextField() {
            while (true) {
                long w = nextWord();
                if (Goldilocks.isCanonical(w)) {
                    return w;
                }
            }
        }
    }

    public long challengeField(String label) {
        return new Output(TAG_CHALLENGE_FIELD, label).nextField();
    }

    public Ext2 challengeExt(String label) {
        Output out = new Output(TAG_CHALLENGE_EXT, label);
        long c0 = out.nextField();
        long c1 = out.nextField();
        return new Ext2(c0, c1);
    }

    /** count extension challenges from one squeeze (each c0 then c1). */
    public ExtVector challengeExts(String label, int count) {
        Output out = new Output(TAG_CHALLENGE_EXT, label);
        long[] re = new long[count];
        long[] im = new long[count];
        for (int i = 0; i < count; i++) {
            re[i] = out.nextField();
            im[i] = out.nextField();
        }
        return ExtVector.ownedBy(re, im);
    }

    /** count uniform indices in [0, bound), drawn independently (with repetition). */
    public int[] challengeIndices(String label, int count, int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("index bound must be positive");
        }
        Output out = new Output(TAG_CHALLENGE_INDEX, label);
        // Accept w < limit, limit = the largest multiple of bound that is ≤ 2^64 (as unsigned).
        // r = 2^64 mod bound (as -bound ≡ 2^64); the largest accepted word is 2^64 - r - 1.
        long r = Long.remainderUnsigned(-(long) bound, bound);
        long limit = -r - 1;
        int[] idx = new int[count];
        for (int i = 0; i < count; i++) {
            while (true) {
                long w = out.nextWord();
                if (Long.compareUnsigned(w, limit) <= 0) {
                    idx[i] = (int) Long.remainderUnsigned(w, bound);
                    break;
                }
            }
        }
        return idx;
    }

    private static void requireCanonical(long v) {
        if (!Goldilocks.isCanonical(v)) {
            throw new IllegalArgumentException("transcript: non-canonical field element");
        }
    }

    private static byte[] u32(int v) {
        byte[] b = new byte[4];
        b[0] = (byte) v;
        b[1] = (byte) (v >>> 8);
        b[2] = (byte) (v >>> 16);
        b[3] = (byte) (v >>> 24);
        return b;
    }

    private static byte[] u64(long v) {
        byte[] b = new byte[8];
        LONG_LE.set(b, 0, v);
        return b;
    }

    @Override
    public String toString() {
        return "Transcript[" + Arrays.toString(state) + "]";
    }
}
