package io.zkgw.inference.export;

import io.zkgw.ir.IntModel;
import io.zkgw.ir.IntOp;
import io.zkgw.ir.Shapes;
import io.zkgw.ir.Window2d;
import io.zkgw.inference.onnx.OnnxAttribute;
import io.zkgw.inference.onnx.OnnxGraph;
import io.zkgw.inference.onnx.OnnxModel;
import io.zkgw.inference.onnx.OnnxNode;
import io.zkgw.inference.onnx.OnnxTensor;
import io.zkgw.inference.onnx.ValueInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an {@link IntModel} as a standard ONNX graph (opset 13) built only from integer operators on
 * int64 tensors: MatMul, Add, Mul, Sub, Div, Mod, Max, Min, Gather, Concat, Reshape, ReduceSum,
 * ReduceMax. Convolutions and pools are gathers of the flattened input through precomputed im2col
 * indices; requantisation floors exactly by subtracting Mod(v, 2^k) before dividing. The output of
 * op i is graph output {@code w<i>}, so one run returns the whole witness.
 */
public final class IntOnnxExporter {
    public static final String INPUT = "input";
    public static final long OPSET = 13;

    private final List<OnnxNode> nodes = new ArrayList<>();
    private final List<OnnxTensor> inits = new ArrayList<>();
    private int counter;

    private IntOnnxExporter() {}

    public static String witnessName(int opIndex) {
        return "w" + opIndex;
    }

    public static OnnxModel export(IntModel model) {
        return new IntOnnxExporter().build(model);
    }

    private OnnxModel build(IntModel model) {
        String cur = INPUT;
        List<ValueInfo> outputs = new ArrayList<>();
        for (int i = 0; i < model.ops().size(); i++) {
            IntOp op = model.ops().get(i);
            String out = witnessName(i);
            emit(op, cur, out);
            outputs.add(int64Info(out, op.outShape()));
            cur = out;
        }
        OnnxGraph g = new OnnxGraph("zkgw_integer_model", nodes, inits,
                List.of(int64Info(INPUT, model.inputShape())), outputs);
        return new OnnxModel(8, List.of(new OnnxModel.OpsetId("", OPSET)), "zkgw", g);
    }

    private void emit(IntOp op, String in, String out) {
        switch (op) {
            case IntOp.Dense d -> {
                long[] wt = new long[d.in() * d.out()]; // [in, out] for x·Wᵀ
                for (int o = 0; o < d.out(); o++) {
                    for (int i = 0; i < d.in(); i++) {
                        wt[i * d.out() + o] = d.w()[o * d.in() + i];
                    }
                }
                String mm = node("MatMul", List.of(in, constant(new long[] {d.in(), d.out()}, wt)));
                node("Add", List.of(mm, constant(new long[] {d.out()}, d.b())), out);
            }
            case IntOp.Conv c -> {
                Window2d win = c.win();
                int k = win.channels() * win.kH() * win.kW();
                int p = win.outH() * win.outW();
                String cols = gather(in, win.inSize(), convIndices(win), new long[] {k, p});
                String mm = node("MatMul", List.of(constant(new long[] {c.outC(), k}, c.w()), cols));
                String biased = node("Add", List.of(mm, constant(new long[] {c.outC(), 1}, c.b())));
                node("Reshape", List.of(biased, shapeConst(c.outShape())), out);
            }
            case IntOp.SumPool s -> {
                Window2d win = s.win();
                String g = gather(in, win.inSize(), poolIndices(win, false),
                        new long[] {(long) win.channels() * win.outH() * win.outW(), (long) win.kH() * win.kW()});
                String sum = node("ReduceSum", List.of(g, constant(new long[] {1}, new long[] {1})),
                        OnnxAttribute.ofInt("keepdims", 0));
                node("Reshape", List.of(sum, shapeConst(s.outShape())), out);
            }
            case IntOp.MaxPool m -> {
                Window2d win = m.win();
                String g = gather(in, win.inSize(), poolIndices(win, true),
                        new long[] {(long) win.channels() * win.outH() * win.outW(), (long) win.kH() * win.kW()});
                String max = node("ReduceMax", List.of(g), OnnxAttribute.ofInts("axes", 1),
                        OnnxAttribute.ofInt("keepdims", 0));
                node("Reshape", List.of(max, shapeConst(m.outShape())), out);
            }
            case IntOp.GlobalSumPool gp -> node("ReduceSum", List.of(in, constant(new long[] {2}, new long[] {2, 3})),
                    out, OnnxAttribute.ofInt("keepdims", 1));
            case IntOp.Requant r -> {
                long[] dims = withBatch(r.shape());
                String prod = node("Mul", List.of(in, constant(dims, r.m())));
                String v = node("Add", List.of(prod, scalar(1L << (r.k() - 1))));
                String pow = scalar(1L << r.k());
                String rem = node("Mod", List.of(v, pow), OnnxAttribute.ofInt("fmod", 0));
                String exact = node("Sub", List.of(v, rem));
                String q = node("Div", List.of(exact, pow));
                String low = node("Max", List.of(q, scalar(r.lo())));
                node("Min", List.of(low, scalar(r.hi())), out);
            }
            case IntOp.Clamp c -> {
                String low = node("Max", List.of(in, scalar(c.lo())));
                node("Min", List.of(low, scalar(c.hi())), out);
            }
            case IntOp.Reshape r -> node("Reshape", List.of(in, shapeConst(r.to())), out);
        }
    }

    /**
     * Flattens {@code in}, appends one zero (index {@code size}) for padding cells, and gathers through
     * a constant index tensor of the given shape.
     */
    private String gather(String in, int size, long[] indices, long[] shape) {
        String flat = node("Reshape", List.of(in, constant(new long[] {1}, new long[] {-1})));
        String padded = node("Concat", List.of(flat, constant(new long[] {1}, new long[] {0})),
                OnnxAttribute.ofInt("axis", 0));
        return node("Gather", List.of(padded, constant(shape, indices)), OnnxAttribute.ofInt("axis", 0));
    }

    /** im2col indices laid out [inC·kH·kW, outH·outW]; padding cells point at the appended zero. */
    static long[] convIndices(Window2d win) {
        int p = win.outH() * win.outW();
        int kk = win.kH() * win.kW();
        long[] idx = new long[win.channels() * kk * p];
        for (int c = 0; c < win.channels(); c++) {
            for (int k = 0; k < kk; k++) {
                int row = c * kk + k;
                for (int oy = 0; oy < win.outH(); oy++) {
                    for (int ox = 0; ox < win.outW(); ox++) {
                        int xi = win.inputIndex(c, oy, ox, k / win.kW(), k % win.kW());
                        idx[row * p + oy * win.outW() + ox] = xi >= 0 ? xi : win.inSize();
                    }
                }
            }
        }
        return idx;
    }

    /**
     * Window indices laid out [C·outH·outW, kH·kW]. For sums padding points at the zero; for max it
     * repeats a real cell of the same window, which cannot change the maximum.
     */
    static long[] poolIndices(Window2d win, boolean max) {
        int kk = win.kH() * win.kW();
        long[] idx = new long[win.channels() * win.outH() * win.outW() * kk];
        for (int c = 0; c < win.channels(); c++) {
            for (int oy = 0; oy < win.outH(); oy++) {
                for (int ox = 0; ox < win.outW(); ox++) {
                    int row = (c * win.outH() + oy) * win.outW() + ox;
                    int firstReal = -1;
                    for (int k = 0; k < kk && firstReal < 0; k++) {
                        firstReal = win.inputIndex(c, oy, ox, k / win.kW(), k % win.kW());
                    }
                    for (int k = 0; k < kk; k++) {
                        int xi = win.inputIndex(c, oy, ox, k / win.kW(), k % win.kW());
                        idx[row * kk + k] = xi >= 0 ? xi : (max ? firstReal : win.inSize());
                    }
                }
            }
        }
        return idx;
    }

    private String node(String op, List<String> inputs, OnnxAttribute... attrs) {
        String out = "t" + (counter++) + "_" + op.toLowerCase();
        node(op, inputs, out, attrs);
        return out;
    }

    private void node(String op, List<String> inputs, String out, OnnxAttribute... attrs) {
        nodes.add(new OnnxNode("n" + nodes.size() + "_" + op, op, "", inputs, List.of(out), List.of(attrs)));
    }

    private String constant(long[] dims, long[] values) {
        String name = "c" + inits.size();
        inits.add(OnnxTensor.int64(name, dims, values));
        return name;
    }

    private String scalar(long v) {
        return constant(new long[0], new long[] {v});
    }

    private String shapeConst(int[] shape) {
        long[] s = withBatch(shape);
        return constant(new long[] {s.length}, s);
    }

    private static long[] withBatch(int[] shape) {
        long[] s = new long[shape.length + 1];
        s[0] = 1;
        for (int i = 0; i < shape.length; i++) {
            s[i + 1] = shape[i];
        }
        return s;
    }

    private static ValueInfo int64Info(String name, int[] shape) {
        List<ValueInfo.Dim> dims = new ArrayList<>();
        for (long d : withBatch(shape)) {
            dims.add(ValueInfo.Dim.fixed(d));
        }
        return new ValueInfo(name, OnnxTensor.INT64, dims, true);
    }

    /** Total number of elements of all witness tensors (for reports). */
    public static long witnessSize(IntModel model) {
        long n = 0;
        for (IntOp op : model.ops()) {
            n += Shapes.size(op.outShape());
        }
        return n;
    }
}
