package io.zkgw.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The integer model: the ground truth that ONNX Runtime runs, {@link IntInterpreter} re-runs bit for bit
 * and the prover proves. Its input is already quantised to [inLo, inHi]. Construction checks shapes
 * link up and — by interval analysis from the input range — that every accumulator fits in int32 and
 * every requantisation product in 2^62, so no execution of it can overflow.
 */
public record IntModel(int[] inputShape, long inLo, long inHi, List<IntOp> ops) {
    /** Accumulators (and sums) must stay strictly inside int32. */
    public static final long ACC_LIMIT = 1L << 31;
    /** |acc·M| + 2^(k−1) stays below this power of two. */
    public static final int PRODUCT_BITS = 62;

    public IntModel {
        ops = List.copyOf(ops);
        if (ops.isEmpty()) {
            throw new IllegalArgumentException("integer model has no ops");
        }
        if (inLo > inHi) {
            throw new IllegalArgumentException("input range [" + inLo + "," + inHi + "] is empty");
        }
        int[] s = inputShape;
        long lo = inLo;
        long hi = inHi;
        for (int i = 0; i < ops.size(); i++) {
            IntOp op = ops.get(i);
            if (Shapes.size(op.inShape()) != Shapes.size(s) || !Arrays.equals(op.inShape(), s)) {
                throw new IllegalArgumentException("op " + i + " (" + op.describe() + ") expects input "
                        + Shapes.toString(op.inShape()) + " but receives " + Shapes.toString(s));
            }
            long[] r = op.outRange(lo, hi);
            lo = r[0];
            hi = r[1];
            s = op.outShape();
        }
    }

    static long[] checkAccumulator(String what, long worstMagnitude) {
        return checkAccumulator(what, worstMagnitude, -worstMagnitude, worstMagnitude);
    }

    static long[] checkAccumulator(String what, long worstMagnitude, long lo, long hi) {
        if (worstMagnitude >= ACC_LIMIT || worstMagnitude < 0) {
            throw new IllegalArgumentException(what + ": accumulator may reach " + worstMagnitude
                    + ", outside int32; reduce weights or activation width");
        }
        return new long[] {lo, hi};
    }

    public int inputSize() {
        return Shapes.size(inputShape);
    }

    public int[] outputShape() {
        return ops.get(ops.size() - 1).outShape();
    }

    /** Static [lo, hi] range of every op output, in order (the range analysis of the constructor). */
    public List<long[]> ranges() {
        List<long[]> out = new ArrayList<>();
        long lo = inLo;
        long hi = inHi;
        for (IntOp op : ops) {
            long[] r = op.outRange(lo, hi);
            out.add(r);
            lo = r[0];
            hi = r[1];
        }
        return out;
    }

    /** Number of weight and bias values (the model's parameters). */
    public long parameterCount() {
        long n = 0;
        for (IntOp op : ops) {
            if (op instanceof IntOp.Dense d) {
                n += d.w().length + d.b().length;
            } else if (op instanceof IntOp.Conv c) {
                n += c.w().length + c.b().length;
            }
        }
        return n;
    }
}
