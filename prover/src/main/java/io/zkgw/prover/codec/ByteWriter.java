package io.zkgw.prover.codec;

import io.zkgw.prover.field.BaseVector;
import io.zkgw.prover.field.Ext2;
import io.zkgw.prover.field.ExtVector;
import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.hash.Digests;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the canonical binary encoding: integers and field elements little-endian at fixed width,
 * an extension element as c0 then c1, a digest as its 32 bytes. Nothing is self-describing: the reader
 * must know the shape from public parameters.
 */
public final class ByteWriter {
    static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buf;
    private int len;

    public ByteWriter() {
        this(256);
    }

    public ByteWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    public ByteWriter u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    public ByteWriter u32(int v) {
        ensure(4);
        INT_LE.set(buf, len, v);
        len += 4;
        return this;
    }

    public ByteWriter u64(long v) {
        ensure(8);
        LONG_LE.set(buf, len, v);
        len += 8;
        return this;
    }

    /** A canonical base-field element (8 bytes LE). */
    public ByteWriter field(long v) {
        return u64(v);
    }

    public ByteWriter fields(long[] v) {
        ensure(8 * v.length);
        for (long x : v) {
            LONG_LE.set(buf, len, x);
            len += 8;
        }
        return this;
    }

    public ByteWriter fields(BaseVector v) {
        ensure(8 * v.size());
        for (int i = 0; i < v.size(); i++) {
            LONG_LE.set(buf, len, v.get(i));
            len += 8;
        }
        return this;
    }

    public ByteWriter ext(Ext2 v) {
        return u64(v.c0()).u64(v.c1());
    }

    /** Extension elements interleaved: re(0), im(0), re(1), im(1), ... */
    public ByteWriter exts(ExtVector v) {
        ensure(16 * v.size());
        for (int i = 0; i < v.size(); i++) {
            LONG_LE.set(buf, len, v.re(i));
            LONG_LE.set(buf, len + 8, v.im(i));
            len += 16;
        }
        return this;
    }

    public ByteWriter digest(Digest d) {
        ensure(Digest.LENGTH);
        d.copyTo(buf, len);
        len += Digest.LENGTH;
        return this;
    }

    /** The digests back to back (one copy when they are a {@link Digests}). */
    public ByteWriter digests(List<Digest> ds) {
        if (ds instanceof Digests flat) {
            ensure(flat.byteLength());
            flat.copyAllTo(buf, len);
            len += flat.byteLength();
            return this;
        }
        for (Digest d : ds) {
            digest(d);
        }
        return this;
    }

    public ByteWriter bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    public int length() {
        return len;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }
}
