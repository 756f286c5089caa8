package io.zkgw.prover.inference;

import io.zkgw.ir.IntModel;
import io.zkgw.ir.IntOp;
import io.zkgw.ir.Shapes;
import io.zkgw.ir.Window2d;
import io.zkgw.prover.codec.ByteReader;
import io.zkgw.prover.codec.ByteWriter;
import io.zkgw.prover.codec.DecodingException;
import io.zkgw.prover.hash.Digest;
import io.zkgw.prover.hash.Sha256;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The public circuit description D of an integer model: everything about an {@link IntModel} except its
 * weights and biases — shapes, windows, requantisation multipliers and shifts, clamp bounds — plus, for
 * each linear layer, its accumulator bound (the largest |acc| the model's interval analysis allows; it
 * depends on the weights, and the verifier needs it to size the range checks of the requantisation that
 * follows). SHA-256 of {@link #encode()} is the {@code hash(D)} of a model commitment.
 *
 * <p>Canonical encoding, version 1 (little-endian, fixed width):
 * <pre>
 *   u32 magic "zkD1" (0x31446B7A)  u8 version = 1
 *   shape(input)  i64 inLo  i64 inHi  u32 opCount  op*
 *   shape   = u32 rank, u32 dim*            (every dim ≥ 1)
 *   window  = 11 × u32 (channels, inH, inW, kH, kW, strideH, strideW, padTop, padLeft, padBottom, padRight)
 *   op      = u8 tag, then
 *     1 Dense          u32 in, u32 out, i64 accBound
 *     2 Conv           window, u32 outC, i64 accBound
 *     3 SumPool        window
 *     4 MaxPool        window
 *     5 GlobalSumPool  u32 channels, u32 h, u32 w
 *     6 Requant        shape, u32 count, i64 m*, u32 k, i64 lo, i64 hi
 *     7 Clamp          shape, i64 lo, i64 hi
 *     8 Reshape        shape(from), shape(to)
 * </pre>
 * Decoding rejects anything else (unknown tag or version, trailing bytes, impossible counts) and every
 * description that {@link IntModel}'s own checks would refuse, including possible overflow.
 */
public final class CircuitDescription {
    public static final int MAGIC = 0x31446B7A;
    public static final int VERSION = 1;
    /** Largest tensor (elements) a description may declare; keeps verifier work bounded. */
    public static final int MAX_TENSOR = 1 << 24;
    private static final int MAX_OPS = 1 << 12;

    private static final int DENSE = 1;
    private static final int CONV = 2;
    private static final int SUM_POOL = 3;
    private static final int MAX_POOL = 4;
    private static final int GLOBAL_SUM_POOL = 5;
    private static final int REQUANT = 6;
    private static final int CLAMP = 7;
    private static final int RESHAPE = 8;

    /** One op of the description. */
    public sealed interface Op permits Dense, Conv, Fixed {
        int[] inShape();

        int[] outShape();
    }

    /** A fully connected layer without its weights: acc = W·x + b with |acc| ≤ accBound. */
    public record Dense(int in, int out, long accBound) implements Op {
        public int[] inShape() {
            return new int[] {in};
        }

        public int[] outShape() {
            return new int[] {out};
        }
    }

    /** A convolution without its weights. */
    public record Conv(Window2d win, int outC, long accBound) implements Op {
        public int[] inShape() {
            return new int[] {win.channels(), win.inH(), win.inW()};
        }

        public int[] outShape() {
            return new int[] {outC, win.outH(), win.outW()};
        }

        public int kernelSize() {
            return win.channels() * win.kH() * win.kW();
        }
    }

    /** An op without weights (SumPool, MaxPool, GlobalSumPool, Requant, Clamp, Reshape), as in the model. */
    public record Fixed(IntOp op) implements Op {
        public Fixed {
            if (op instanceof IntOp.Dense || op instanceof IntOp.Conv) {
                throw new IllegalArgumentException("linear layers are described by Dense/Conv without weights");
            }
        }

        public int[] inShape() {
            return op.inShape();
        }

        public int[] outShape() {
            return op.outShape();
        }
    }

    private final int[] inputShape;
    private final long inLo;
    private final long inHi;
    private final List<Op> ops;
    private final List<long[]> ranges;
    private final byte[] encoding;

    public CircuitDescription(int[] inputShape, long inLo, long inHi, List<Op> ops) {
        this.inputShape = inputShape.clone();
        this.inLo = inLo;
        this.inHi = inHi;
        this.ops = ops.stream().map(CircuitDescription::copy).toList();
        this.ranges = validate(this.inputShape, inLo, inHi, this.ops);
        this.encoding = encodeInternal();
    }

    /** D of an integer model: its ops with weights and biases replaced by the accumulator bounds. */
    public static CircuitDescription of(IntModel model) {
        List<long[]> r = model.ranges();
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < model.ops().size(); i++) {
            IntOp op = model.ops().get(i);
            ops.add(switch (op) {
                case IntOp.Dense d -> new Dense(d.in(), d.out(), r.get(i)[1]);
                case IntOp.Conv c -> new Conv(c.win(), c.outC(), r.get(i)[1]);
                default -> new Fixed(op);
            });
        }
        return new CircuitDescription(model.inputShape(), model.inLo(), model.inHi(), ops);
    }

    public int[] inputShape() {
        return inputShape.clone();
    }

    public int inputSize() {
        return Shapes.size(inputShape);
    }

    public long inLo() {
        return inLo;
    }

    public long inHi() {
        return inHi;
    }

    /** The ops (copies: the description itself is immutable). */
    public List<Op> ops() {
        return ops.stream().map(CircuitDescription::copy).toList();
    }

    /** A deep copy of an op (IntOp records expose their arrays). */
    private static Op copy(Op op) {
        return switch (op) {
            case Dense d -> d;
            case Conv c -> c;
            case Fixed f -> new Fixed(switch (f.op()) {
                case IntOp.Requant r -> new IntOp.Requant(r.shape().clone(), r.m().clone(), r.k(), r.lo(), r.hi());
                case IntOp.Clamp c -> new IntOp.Clamp(c.shape().clone(), c.lo(), c.hi());
                case IntOp.Reshape r -> new IntOp.Reshape(r.from().clone(), r.to().clone());
                default -> f.op();
            });
        };
    }

    public int[] outputShape() {
        return ops.getLast().outShape();
    }

    public int outputSize() {
        return Shapes.size(outputShape());
    }

    /** Static [lo, hi] of every op output, in op order. */
    public List<long[]> ranges() {
        return ranges.stream().map(long[]::clone).toList();
    }

    /** [lo, hi] of the input of op i. */
    long[] inputRange(int i) {
        return i == 0 ? new long[] {inLo, inHi} : ranges.get(i - 1).clone();
    }

    public byte[] encode() {
        return encoding.clone();
    }

    /** hash(D): SHA-256 of the canonical encoding. */
    public Digest hash() {
        return Sha256.digest(encoding);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CircuitDescription d && Arrays.equals(encoding, d.encoding);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoding);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CircuitDescription[in=").append(Shapes.toString(inputShape));
        for (Op op : ops) {
            sb.append(", ").append(switch (op) {
                case Dense d -> "Dense " + d.in() + "->" + d.out();
                case Conv c -> "Conv " + c.win().channels() + "->" + c.outC();
                case Fixed f -> f.op().describe();
            });
        }
        return sb.append(']').toString();
    }

    // ---------------- validation (the IntModel rules, without weights) ----------------

    private static List<long[]> validate(int[] inputShape, long inLo, long inHi, List<Op> ops) {
        if (ops.isEmpty() || ops.size() > MAX_OPS) {
            throw new IllegalArgumentException("circuit has " + ops.size() + " ops");
        }
        if (inLo > inHi) {
            throw new IllegalArgumentException("input range [" + inLo + "," + inHi + "] is empty");
        }
        if (Math.abs(inLo) >= IntModel.ACC_LIMIT || Math.abs(inHi) >= IntModel.ACC_LIMIT) {
            throw new IllegalArgumentException("input range outside int32");
        }
        checkShape(inputShape);
        int[] s = inputShape;
        long lo = inLo;
        long hi = inHi;
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            checkShape(op.inShape());
            checkShape(op.outShape());
            if (!Arrays.equals(op.inShape(), s)) {
                throw new IllegalArgumentException("op " + i + " expects input " + Shapes.toString(op.inShape())
                        + " but receives " + Shapes.toString(s));
            }
            long[] r = switch (op) {
                case Dense d -> {
                    if (d.in() <= 0 || d.out() <= 0) {
                        throw new IllegalArgumentException("Dense dimensions must be positive");
                    }
                    yield accRange(d.accBound());
                }
                case Conv c -> {
                    if (c.outC() <= 0) {
                        throw new IllegalArgumentException("Conv output channels must be positive");
                    }
                    checkWindow(c.win());
                    if ((long) c.kernelSize() > MAX_TENSOR) {
                        throw new IllegalArgumentException("Conv kernel too large");
                    }
                    yield accRange(c.accBound());
                }
                case Fixed f -> {
                    if (f.op() instanceof IntOp.SumPool p) {
                        checkWindow(p.win());
                    } else if (f.op() instanceof IntOp.MaxPool p) {
                        checkWindow(p.win());
                    }
                    yield f.op().outRange(lo, hi);
                }
            };
            lo = r[0];
            hi = r[1];
            out.add(new long[] {lo, hi});
            s = op.outShape();
        }
        return List.copyOf(out);
    }

    /**
     * Windows as ONNX allows them: padding smaller than the kernel on every side (so every window has a
     * real cell) and small kernels and strides.
     */
    private static void checkWindow(Window2d w) {
        if (w.kH() > 4096 || w.kW() > 4096 || w.strideH() > 4096 || w.strideW() > 4096) {
            throw new IllegalArgumentException("window kernel or stride too large");
        }
        if (w.padTop() >= w.kH() || w.padBottom() >= w.kH() || w.padLeft() >= w.kW() || w.padRight() >= w.kW()) {
            throw new IllegalArgumentException("window padding must be smaller than the kernel");
        }
    }

    private static long[] accRange(long bound) {
        if (bound < 0 || bound >= IntModel.ACC_LIMIT) {
            throw new IllegalArgumentException("accumulator bound " + bound + " outside [0, 2^31)");
        }
        return new long[] {-bound, bound};
    }

    private static void checkShape(int[] shape) {
        if (shape.length == 0 || shape.length > 8) {
            throw new IllegalArgumentException("shape rank " + shape.length);
        }
        long n = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("non-positive dimension in " + Shapes.toString(shape));
            }
            n *= d;
            if (n > MAX_TENSOR) {
                throw new IllegalArgumentException("tensor " + Shapes.toString(shape) + " larger than 2^24 elements");
            }
        }
    }

    // ---------------- canonical encoding ----------------

    private byte[] encodeInternal() {
        ByteWriter w = new ByteWriter();
        w.u32(MAGIC).u8(VERSION);
        shape(w, inputShape);
        w.u64(inLo).u64(inHi).u32(ops.size());
        for (Op op : ops) {
            switch (op) {
                case Dense d -> w.u8(DENSE).u32(d.in()).u32(d.out()).u64(d.accBound());
                case Conv c -> {
                    w.u8(CONV);
                    window(w, c.win());
                    w.u32(c.outC()).u64(c.accBound());
                }
                case Fixed f -> {
                    switch (f.op()) {
                        case IntOp.SumPool p -> window(w.u8(SUM_POOL), p.win());
                        case IntOp.MaxPool p -> window(w.u8(MAX_POOL), p.win());
                        case IntOp.GlobalSumPool g -> w.u8(GLOBAL_SUM_POOL).u32(g.channels()).u32(g.h()).u32(g.w());
                        case IntOp.Requant r -> {
                            shape(w.u8(REQUANT), r.shape());
                            w.u32(r.m().length);
                            for (long m : r.m()) {
                                w.u64(m);
                            }
                            w.u32(r.k()).u64(r.lo()).u64(r.hi());
                        }
                        case IntOp.Clamp c -> shape(w.u8(CLAMP), c.shape()).u64(c.lo()).u64(c.hi());
                        case IntOp.Reshape r -> shape(shape(w.u8(RESHAPE), r.from()), r.to());
                        case IntOp.Dense d -> throw new IllegalStateException();
                        case IntOp.Conv c -> throw new IllegalStateException();
                    }
                }
            }
        }
        return w.toByteArray();
    }

    private static ByteWriter shape(ByteWriter w, int[] s) {
        w.u32(s.length);
        for (int d : s) {
            w.u32(d);
        }
        return w;
    }

    private static ByteWriter window(ByteWriter w, Window2d win) {
        for (int v : new int[] {win.channels(), win.inH(), win.inW(), win.kH(), win.kW(), win.strideH(), win.strideW(),
                win.padTop(), win.padLeft(), win.padBottom(), win.padRight()}) {
            w.u32(v);
        }
        return w;
    }

    /** Decodes the canonical encoding; anything else (or an invalid description) is a DecodingException. */
    public static CircuitDescription decode(byte[] bytes) throws DecodingException {
        ByteReader r = new ByteReader(bytes, "circuit description");
        try {
            if (r.u32("magic") != MAGIC) {
                throw new DecodingException("circuit description: bad magic");
            }
            r.expectVersion(VERSION);
            int[] in = readShape(r, "input shape");
            long inLo = r.u64("inLo");
            long inHi = r.u64("inHi");
            int n = count(r, "op count", 1);
            List<Op> ops = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int tag = r.u8("op tag");
                ops.add(switch (tag) {
                    case DENSE -> new Dense(r.u32("in"), r.u32("out"), r.u64("accBound"));
                    case CONV -> new Conv(readWindow(r), r.u32("outC"), r.u64("accBound"));
                    case SUM_POOL -> new Fixed(new IntOp.SumPool(readWindow(r)));
                    case MAX_POOL -> new Fixed(new IntOp.MaxPool(readWindow(r)));
                    case GLOBAL_SUM_POOL -> new Fixed(new IntOp.GlobalSumPool(r.u32("channels"), r.u32("h"), r.u32("w")));
                    case REQUANT -> {
                        int[] shape = readShape(r, "requant shape");
                        int m = count(r, "multiplier count", 8);
                        long[] mult = new long[m];
                        for (int j = 0; j < m; j++) {
                            mult[j] = r.u64("multiplier");
                        }
                        yield new Fixed(new IntOp.Requant(shape, mult, r.u32("k"), r.u64("lo"), r.u64("hi")));
                    }
                    case CLAMP -> new Fixed(new IntOp.Clamp(readShape(r, "clamp shape"), r.u64("lo"), r.u64("hi")));
                    case RESHAPE -> new Fixed(new IntOp.Reshape(readShape(r, "reshape from"), readShape(r, "reshape to")));
                    default -> throw new DecodingException("circuit description: unknown op tag " + tag + " at op " + i);
                });
            }
            r.expectEnd();
            CircuitDescription d = new CircuitDescription(in, inLo, inHi, ops);
            if (!Arrays.equals(d.encoding, bytes)) {
                throw new DecodingException("circuit description: not the canonical encoding");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new DecodingException("circuit description: invalid: " + e.getMessage());
        }
    }

    private static int count(ByteReader r, String what, int bytesPerItem) throws DecodingException {
        int n = r.u32(what);
        if (n < 0 || (long) n * bytesPerItem > r.remaining()) {
            throw new DecodingException("circuit description: " + what + " " + Integer.toUnsignedString(n)
                    + " is impossible for " + r.remaining() + " remaining bytes");
        }
        return n;
    }

    private static int[] readShape(ByteReader r, String what) throws DecodingException {
        int n = count(r, what + " rank", 4);
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = r.u32(what);
            if (s[i] <= 0) {
                throw new DecodingException("circuit description: non-positive dimension in " + what);
            }
        }
        return s;
    }

    private static Window2d readWindow(ByteReader r) throws DecodingException {
        int[] v = new int[11];
        for (int i = 0; i < 11; i++) {
            v[i] = r.u32("window");
        }
        return new Window2d(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);
    }
}
