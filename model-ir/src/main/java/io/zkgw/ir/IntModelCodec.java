package io.zkgw.ir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one canonical binary encoding of an {@link IntModel} (big-endian, version-tagged). Its SHA-256
 * identifies the integer model. Decoding rejects unknown versions and tags, impossible lengths,
 * trailing bytes, and anything {@link IntModel} itself refuses.
 */
public final class IntModelCodec {
    public static final int MAGIC = 0x7A6B4952; // "zkIR"
    public static final int VERSION = 1;
    private static final int MAX_ELEMENTS = 1 << 28;

    private static final byte DENSE = 1;
    private static final byte CONV = 2;
    private static final byte SUM_POOL = 3;
    private static final byte MAX_POOL = 4;
    private static final byte GLOBAL_SUM_POOL = 5;
    private static final byte REQUANT = 6;
    private static final byte CLAMP = 7;
    private static final byte RESHAPE = 8;

    private IntModelCodec() {}

    public static byte[] encode(IntModel m) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream o = new DataOutputStream(bytes)) {
            o.writeInt(MAGIC);
            o.writeInt(VERSION);
            ints(o, m.inputShape());
            o.writeLong(m.inLo());
            o.writeLong(m.inHi());
            o.writeInt(m.ops().size());
            for (IntOp op : m.ops()) {
                switch (op) {
                    case IntOp.Dense d -> {
                        o.writeByte(DENSE);
                        o.writeInt(d.in());
                        o.writeInt(d.out());
                        longs(o, d.w());
                        longs(o, d.b());
                    }
                    case IntOp.Conv c -> {
                        o.writeByte(CONV);
                        window(o, c.win());
                        o.writeInt(c.outC());
                        longs(o, c.w());
                        longs(o, c.b());
                    }
                    case IntOp.SumPool s -> {
                        o.writeByte(SUM_POOL);
                        window(o, s.win());
                    }
                    case IntOp.MaxPool mp -> {
                        o.writeByte(MAX_POOL);
                        window(o, mp.win());
                    }
                    case IntOp.GlobalSumPool g -> {
                        o.writeByte(GLOBAL_SUM_POOL);
                        o.writeInt(g.channels());
                        o.writeInt(g.h());
                        o.writeInt(g.w());
                    }
                    case IntOp.Requant r -> {
                        o.writeByte(REQUANT);
                        ints(o, r.shape());
                        longs(o, r.m());
                        o.writeInt(r.k());
                        o.writeLong(r.lo());
                        o.writeLong(r.hi());
                    }
                    case IntOp.Clamp c -> {
                        o.writeByte(CLAMP);
                        ints(o, c.shape());
                        o.writeLong(c.lo());
                        o.writeLong(c.hi());
                    }
                    case IntOp.Reshape r -> {
                        o.writeByte(RESHAPE);
                        ints(o, r.from());
                        ints(o, r.to());
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    public static IntModel decode(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data);
        try {
            if (b.getInt() != MAGIC) {
                throw bad("not a zkgw integer model (bad magic)");
            }
            int version = b.getInt();
            if (version != VERSION) {
                throw bad("unsupported integer model version " + version + " (this build reads " + VERSION + ")");
            }
            int[] inShape = ints(b);
            long inLo = b.getLong();
            long inHi = b.getLong();
            int n = count(b, "op count");
            List<IntOp> ops = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte tag = b.get();
                ops.add(switch (tag) {
                    case DENSE -> new IntOp.Dense(b.getInt(), b.getInt(), longs(b), longs(b));
                    case CONV -> new IntOp.Conv(window(b), b.getInt(), longs(b), longs(b));
                    case SUM_POOL -> new IntOp.SumPool(window(b));
                    case MAX_POOL -> new IntOp.MaxPool(window(b));
                    case GLOBAL_SUM_POOL -> new IntOp.GlobalSumPool(positive(b), positive(b), positive(b));
                    case REQUANT -> new IntOp.Requant(ints(b), longs(b), b.getInt(), b.getLong(), b.getLong());
                    case CLAMP -> new IntOp.Clamp(ints(b), b.getLong(), b.getLong());
                    case RESHAPE -> new IntOp.Reshape(ints(b), ints(b));
                    default -> throw bad("unknown op tag " + tag + " at op " + i);
                });
            }
            if (b.hasRemaining()) {
                throw bad(b.remaining() + " trailing bytes after the last op");
            }
            return new IntModel(inShape, inLo, inHi, ops);
        } catch (BufferUnderflowException e) {
            throw bad("truncated integer model");
        } catch (IllegalArgumentException e) {
            throw bad("invalid integer model: " + e.getMessage());
        }
    }

    private static ModelIrException bad(String what) {
        return new ModelIrException(what);
    }

    private static void ints(DataOutputStream o, int[] v) throws IOException {
        o.writeInt(v.length);
        for (int x : v) {
            o.writeInt(x);
        }
    }

    private static void longs(DataOutputStream o, long[] v) throws IOException {
        o.writeInt(v.length);
        for (long x : v) {
            o.writeLong(x);
        }
    }

    private static void window(DataOutputStream o, Window2d w) throws IOException {
        for (int v : new int[] {w.channels(), w.inH(), w.inW(), w.kH(), w.kW(), w.strideH(), w.strideW(),
                w.padTop(), w.padLeft(), w.padBottom(), w.padRight()}) {
            o.writeInt(v);
        }
    }

    private static int count(ByteBuffer b, String what) {
        int n = b.getInt();
        if (n < 0 || n > MAX_ELEMENTS || (long) n > b.remaining()) {
            throw bad(what + " " + n + " is impossible for " + b.remaining() + " remaining bytes");
        }
        return n;
    }

    private static int positive(ByteBuffer b) {
        int v = b.getInt();
        if (v <= 0) {
            throw bad("dimension " + v + " must be positive");
        }
        return v;
    }

    private static int[] ints(ByteBuffer b) {
        int n = count(b, "shape rank");
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = positive(b);
        }
        return v;
    }

    private static long[] longs(ByteBuffer b) {
        int n = count(b, "array length");
        if ((long) n * 8 > b.remaining()) {
            throw bad("array of " + n + " values runs past the end");
        }
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = b.getLong();
        }
        return v;
    }

    private static Window2d window(ByteBuffer b) {
        return new Window2d(b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt(),
                b.getInt(), b.getInt(), b.getInt(), b.getInt());
    }
}
