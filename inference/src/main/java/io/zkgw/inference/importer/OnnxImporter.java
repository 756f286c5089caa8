package io.zkgw.inference.importer;

import io.zkgw.inference.model.FloatModel;
import io.zkgw.inference.model.FloatOp;
import io.zkgw.inference.model.OutputTransform;
import io.zkgw.ir.Shapes;
import io.zkgw.ir.Window2d;
import io.zkgw.inference.onnx.OnnxAttribute;
import io.zkgw.inference.onnx.OnnxGraph;
import io.zkgw.inference.onnx.OnnxModel;
import io.zkgw.inference.onnx.OnnxNode;
import io.zkgw.inference.onnx.OnnxTensor;
import io.zkgw.inference.onnx.ValueInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a float ONNX model into a {@link FloatModel}: a chain of layers with every constant
 * elementwise step folded exactly — normalisation at the start goes into the input transform,
 * bias adds, scalings and BatchNormalization go into the linear layer next to them. Anything that
 * cannot be represented exactly is refused with the node and the reason; nothing is approximated.
 */
public final class OnnxImporter {
    public static final long MIN_OPSET = 13;
    static final String SUPPORTED = "Gemm, MatMul, Add, Sub, Mul, Div (by a constant), Relu, Conv, MaxPool, "
            + "AveragePool, GlobalAveragePool, Flatten, Reshape, BatchNormalization, Identity, Constant, "
            + "and a final Sigmoid or Softmax";

    private final Map<String, Integer> dimPins;

    // walk state
    private final Map<String, OnnxTensor> constants = new HashMap<>();
    private final List<FloatOp> ops = new ArrayList<>();
    private String current;
    private int[] shape;
    private double[] inMul;
    private double[] inAdd;
    private double[] pendMul; // elementwise affine waiting to fold into the next linear layer
    private double[] pendAdd;
    private String pendingFrom;
    private OutputTransform transform = OutputTransform.NONE;
    private OnnxNode transformNode;

    private OnnxImporter(Map<String, Integer> dimPins) {
        this.dimPins = dimPins;
    }

    public static FloatModel importModel(OnnxModel model) {
        return importModel(model, Map.of());
    }

    /** @param dimPins values for symbolic input dimensions other than the batch, by dim_param name */
    public static FloatModel importModel(OnnxModel model, Map<String, Integer> dimPins) {
        return new OnnxImporter(dimPins).run(model);
    }

    private FloatModel run(OnnxModel model) {
        long opset = model.defaultOpset();
        if (opset < MIN_OPSET) {
            throw new UnsupportedModelException("model declares ONNX opset " + (opset < 0 ? "(none)" : opset)
                    + "; zkgw imports opset " + MIN_OPSET + " or newer (convert it with onnx.version_converter)");
        }
        OnnxGraph g = model.graph();
        for (OnnxTensor t : g.initializers()) {
            constants.put(t.name(), t);
        }
        ValueInfo input = pickInput(g);
        current = input.name();
        shape = inputShape(input);
        int n = Shapes.size(shape);
        inMul = filled(n, 1);
        inAdd = new double[n];
        String inputName = input.name();

        Map<String, Integer> consumers = new HashMap<>();
        for (OnnxNode node : g.nodes()) {
            for (String in : node.inputs()) {
                consumers.merge(in, 1, Integer::sum);
            }
        }
        for (OnnxNode node : g.nodes()) {
            if (!node.domain().isEmpty() && !node.domain().equals("ai.onnx")) {
                throw unsupported(node, "custom operator domain '" + node.domain() + "'");
            }
            if (node.opType().equals("Constant")) {
                constants.put(node.outputs().get(0), constantValue(node));
                continue;
            }
            if (transformNode != null) {
                throw unsupported(node, "follows the output " + transformNode.opType()
                        + "; Sigmoid/Softmax is only supported as the last node");
            }
            checkChain(node, consumers);
            step(node);
            current = node.outputs().get(0);
        }
        if (g.outputs().size() != 1) {
            throw new UnsupportedModelException("graph has " + g.outputs().size()
                    + " outputs; zkgw imports models with exactly one output");
        }
        if (!g.outputs().get(0).name().equals(current)) {
            throw new UnsupportedModelException("graph output '" + g.outputs().get(0).name()
                    + "' is not the end of the layer chain ('" + current + "')");
        }
        if (pendMul != null) {
            throw new UnsupportedModelException(pendingFrom + " at the end of the graph cannot be folded into a layer");
        }
        if (ops.isEmpty()) {
            throw new UnsupportedModelException("model has no layers (no Gemm, MatMul or Conv)");
        }
        return new FloatModel(inputName, firstShape(), inMul, inAdd, ops, transform);
    }

    private int[] inputShapeAtStart;

    private int[] firstShape() {
        return inputShapeAtStart;
    }

    private ValueInfo pickInput(OnnxGraph g) {
        List<ValueInfo> real = g.inputs().stream().filter(v -> !constants.containsKey(v.name())).toList();
        if (real.size() != 1) {
            throw new UnsupportedModelException("graph has " + real.size()
                    + " non-constant inputs; zkgw imports models with exactly one input tensor");
        }
        ValueInfo v = real.get(0);
        if (v.elemType() != OnnxTensor.FLOAT && v.elemType() != OnnxTensor.DOUBLE) {
            throw new UnsupportedModelException("input '" + v.name() + "' has element type "
                    + OnnxTensor.typeName(v.elemType()) + "; a float input is expected");
        }
        return v;
    }

    private int[] inputShape(ValueInfo v) {
        if (!v.hasShape() || v.dims().isEmpty()) {
            throw new UnsupportedModelException("input '" + v.name() + "' has no declared shape");
        }
        ValueInfo.Dim batch = v.dims().get(0);
        if (batch.isFixed() && batch.value() != 1) {
            throw new UnsupportedModelException("input '" + v.name() + "' has batch dimension " + batch.value()
                    + "; the first dimension must be 1 or symbolic (zkgw proves one input at a time)");
        }
        int[] s = new int[v.dims().size() - 1];
        for (int i = 1; i < v.dims().size(); i++) {
            ValueInfo.Dim d = v.dims().get(i);
            if (d.isFixed()) {
                if (d.value() == 0 || d.value() > Integer.MAX_VALUE) {
                    throw new UnsupportedModelException("input '" + v.name() + "' dimension " + i + " is " + d.value());
                }
                s[i - 1] = (int) d.value();
            } else if (!d.param().isEmpty() && dimPins.containsKey(d.param())) {
                s[i - 1] = dimPins.get(d.param());
            } else {
                throw new UnsupportedModelException("input '" + v.name() + "' dimension " + i + " is symbolic ('"
                        + d + "'); pin it with --dim " + (d.param().isEmpty() ? "NAME" : d.param()) + "=SIZE");
            }
        }
        if (s.length == 0) {
            throw new UnsupportedModelException("input '" + v.name() + "' is a scalar per example; expected a vector or image");
        }
        inputShapeAtStart = s.clone();
        return s;
    }

    private void checkChain(OnnxNode node, Map<String, Integer> consumers) {
        if (node.outputs().isEmpty()) {
            throw unsupported(node, "has no outputs");
        }
        for (int i = 1; i < node.outputs().size(); i++) {
            if (!node.outputs().get(i).isEmpty() && consumers.containsKey(node.outputs().get(i))) {
                throw unsupported(node, "output " + i + " ('" + node.outputs().get(i) + "') is used; only the first output is supported");
            }
        }
        int computed = 0;
        for (String in : node.inputs()) {
            if (in.isEmpty() || constants.containsKey(in)) {
                continue;
            }
            if (!in.equals(current)) {
                throw unsupported(node, "reads '" + in + "', which is not the previous layer's output '" + current
                        + "'; only sequential graphs are supported (no branches or residual connections)");
            }
            computed++;
        }
        if (computed != 1) {
            throw unsupported(node, computed == 0 ? "has only constant inputs (constant folding is not supported)"
                    : "reads the previous layer's output twice");
        }
        if (consumers.getOrDefault(current, 0) > 1) {
            throw unsupported(node, "'" + current + "' feeds " + consumers.get(current)
                    + " nodes; only sequential graphs are supported");
        }
    }

    private void step(OnnxNode node) {
        switch (node.opType()) {
            case "Identity" -> { }
            case "Add", "Sub", "Mul", "Div" -> elementwise(node);
            case "BatchNormalization" -> batchNorm(node);
            case "Gemm" -> gemm(node);
            case "MatMul" -> matmul(node);
            case "Conv" -> conv(node);
            case "Relu" -> relu(node);
            case "MaxPool", "AveragePool" -> pool(node);
            case "GlobalAveragePool" -> globalAvg(node);
            case "Flatten" -> flatten(node);
            case "Reshape" -> reshape(node);
            case "Sigmoid", "Softmax" -> outputTransform(node);
            default -> throw unsupported(node, "operator is not supported; zkgw supports " + SUPPORTED);
        }
    }

    // ------------------------------------------------------------------ elementwise affine folding

    private void elementwise(OnnxNode node) {
        String a = node.inputs().get(0);
        String b = node.inputs().get(1);
        boolean currentFirst = a.equals(current);
        OnnxTensor c = constants.get(currentFirst ? b : a);
        double[] v = broadcast(node, c);
        int n = v.length;
        double[] mul = filled(n, 1);
        double[] add = new double[n];
        switch (node.opType()) {
            case "Add" -> add = v;
            case "Sub" -> {
                if (!currentFirst) {
                    for (int i = 0; i < n; i++) {
                        mul[i] = -1;
                        add[i] = v[i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        add[i] = -v[i];
                    }
                }
            }
            case "Mul" -> mul = v;
            case "Div" -> {
                if (!currentFirst) {
                    throw unsupported(node, "divides a constant by the activation (not an affine map)");
                }
                for (int i = 0; i < n; i++) {
                    if (v[i] == 0) {
                        throw unsupported(node, "divides by zero (element " + i + " of '" + c.name() + "')");
                    }
                    mul[i] = 1 / v[i];
                }
            }
            default -> throw new IllegalStateException(node.opType());
        }
        applyAffine(node, mul, add);
    }

    private void batchNorm(OnnxNode node) {
        if (node.inputs().size() < 5) {
            throw unsupported(node, "needs scale, bias, mean and variance inputs");
        }
        if (shape.length < 1) {
            throw unsupported(node, "applied to a scalar");
        }
        double eps = node.attribute("epsilon").map(OnnxAttribute::f).orElse(1e-5f);
        int ch = shape[0];
        double[] gamma = channelVector(node, 1, ch);
        double[] beta = channelVector(node, 2, ch);
        double[] mean = channelVector(node, 3, ch);
        double[] var = channelVector(node, 4, ch);
        int per = Shapes.size(shape) / ch;
        double[] mul = new double[ch * per];
        double[] add = new double[ch * per];
        for (int c = 0; c < ch; c++) {
            if (var[c] + eps <= 0) {
                throw unsupported(node, "variance + epsilon is not positive for channel " + c);
            }
            double s = gamma[c] / Math.sqrt(var[c] + eps);
            for (int i = 0; i < per; i++) {
                mul[c * per + i] = s;
                add[c * per + i] = beta[c] - mean[c] * s;
            }
        }
        applyAffine(node, mul, add);
    }

    private double[] channelVector(OnnxNode node, int idx, int ch) {
        OnnxTensor t = constant(node, idx);
        double[] v = finite(node, t);
        if (v.length != ch) {
            throw unsupported(node, "input '" + t.name() + "' has " + v.length + " values, expected " + ch + " (channels)");
        }
        return v;
    }

    /** Applies y = x*mul + add (elementwise over the current tensor) by folding it somewhere exact. */
    private void applyAffine(OnnxNode node, double[] mul, double[] add) {
        if (ops.isEmpty()) {
            for (int i = 0; i < inMul.length; i++) {
                inMul[i] *= mul[i];
                inAdd[i] = inAdd[i] * mul[i] + add[i];
            }
            return;
        }
        FloatOp last = ops.get(ops.size() - 1);
        if (pendMul == null && last instanceof FloatOp.Dense d && !d.relu()) {
            double[] w = d.w().clone();
            double[] b = d.b().clone();
            for (int o = 0; o < d.out(); o++) {
                for (int i = 0; i < d.in(); i++) {
                    w[o * d.in() + i] *= mul[o];
                }
                b[o] = b[o] * mul[o] + add[o];
            }
            ops.set(ops.size() - 1, new FloatOp.Dense(d.in(), d.out(), w, b, false));
            return;
        }
        if (pendMul == null && last instanceof FloatOp.Conv2d cv && !cv.relu()) {
            int per = cv.win().outH() * cv.win().outW();
            double[] cm = perChannel(node, mul, cv.outC(), per);
            double[] ca = perChannel(node, add, cv.outC(), per);
            double[] w = cv.w().clone();
            double[] b = cv.b().clone();
            int k = w.length / cv.outC();
            for (int o = 0; o < cv.outC(); o++) {
                for (int i = 0; i < k; i++) {
                    w[o * k + i] *= cm[o];
                }
                b[o] = b[o] * cm[o] + ca[o];
            }
            ops.set(ops.size() - 1, new FloatOp.Conv2d(cv.win(), cv.outC(), w, b, false));
            return;
        }
        if (pendMul == null) {
            pendMul = filled(mul.length, 1);
            pendAdd = new double[mul.length];
            pendingFrom = node.describe();
        }
        for (int i = 0; i < mul.length; i++) {
            pendMul[i] *= mul[i];
            pendAdd[i] = pendAdd[i] * mul[i] + add[i];
        }
    }

    private double[] perChannel(OnnxNode node, double[] v, int ch, int per) {
        double[] out = new double[ch];
        for (int c = 0; c < ch; c++) {
            out[c] = v[c * per];
            for (int i = 1; i < per; i++) {
                if (v[c * per + i] != out[c]) {
                    throw unsupported(node, "constant varies within a channel; it cannot be folded into the convolution");
                }
            }
        }
        return out;
    }

    private void requireNoPending(OnnxNode node) {
        if (pendMul != null) {
            throw unsupported(node, "follows " + pendingFrom + ", which cannot be folded across it into a linear layer");
        }
    }

    // ------------------------------------------------------------------ linear layers

    private void gemm(OnnxNode node) {
        if (!node.inputs().get(0).equals(current)) {
            throw unsupported(node, "the activation must be input A");
        }
        if (node.attribute("transA").map(OnnxAttribute::i).orElse(0L) != 0) {
            throw unsupported(node, "transA=1 is not supported");
        }
        boolean transB = node.attribute("transB").map(OnnxAttribute::i).orElse(0L) != 0;
        double alpha = node.attribute("alpha").map(OnnxAttribute::f).orElse(1f);
        double beta = node.attribute("beta").map(OnnxAttribute::f).orElse(1f);
        OnnxTensor bt = constant(node, 1);
        if (bt.dims().length != 2) {
            throw unsupported(node, "weight '" + bt.name() + "' has rank " + bt.dims().length + ", expected 2");
        }
        int in = (int) (transB ? bt.dims()[1] : bt.dims()[0]);
        int out = (int) (transB ? bt.dims()[0] : bt.dims()[1]);
        double[] raw = finite(node, bt);
        double[] w = new double[out * in];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                w[o * in + i] = alpha * (transB ? raw[o * in + i] : raw[i * out + o]);
            }
        }
        double[] b = new double[out];
        if (node.inputs().size() > 2 && !node.inputs().get(2).isEmpty()) {
            OnnxTensor ct = constant(node, 2);
            double[] cv = finite(node, ct);
            if (cv.length != 1 && cv.length != out) {
                throw unsupported(node, "bias '" + ct.name() + "' has " + cv.length + " values, expected " + out);
            }
            for (int o = 0; o < out; o++) {
                b[o] = beta * cv[cv.length == 1 ? 0 : o];
            }
        }
        addDense(node, in, out, w, b);
    }

    private void matmul(OnnxNode node) {
        if (!node.inputs().get(0).equals(current)) {
            throw unsupported(node, "the activation must be the first input");
        }
        OnnxTensor bt = constant(node, 1);
        if (bt.dims().length != 2) {
            throw unsupported(node, "weight '" + bt.name() + "' has rank " + bt.dims().length + ", expected 2");
        }
        int in = (int) bt.dims()[0];
        int out = (int) bt.dims()[1];
        double[] raw = finite(node, bt);
        double[] w = new double[out * in];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                w[o * in + i] = raw[i * out + o];
            }
        }
        addDense(node, in, out, w, new double[out]);
    }

    private void addDense(OnnxNode node, int in, int out, double[] w, double[] b) {
        if (shape.length != 1) {
            throw unsupported(node, "input has shape " + Shapes.toString(shape)
                    + " (batch excluded); flatten it to a vector first");
        }
        if (shape[0] != in) {
            throw unsupported(node, "input has " + shape[0] + " features but the weight expects " + in);
        }
        if (pendMul != null) {
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    b[o] += w[o * in + i] * pendAdd[i];
                    w[o * in + i] *= pendMul[i];
                }
            }
            pendMul = null;
            pendAdd = null;
        }
        ops.add(new FloatOp.Dense(in, out, w, b, false));
        shape = new int[] {out};
    }

    private void conv(OnnxNode node) {
        if (!node.inputs().get(0).equals(current)) {
            throw unsupported(node, "the activation must be input X");
        }
        if (shape.length != 3) {
            throw unsupported(node, "input has shape " + Shapes.toString(shape) + "; only 2-D convolution on [C,H,W] is supported");
        }
        if (node.attribute("group").map(OnnxAttribute::i).orElse(1L) != 1) {
            throw unsupported(node, "grouped convolution (group != 1) is not supported");
        }
        OnnxTensor wt = constant(node, 1);
        long[] wd = wt.dims();
        if (wd.length != 4 || wd[1] != shape[0]) {
            throw unsupported(node, "weight '" + wt.name() + "' has shape " + Arrays.toString(wd) + ", expected [M,"
                    + shape[0] + ",kH,kW]");
        }
        int oc = (int) wd[0];
        Window2d win = window(node, shape, (int) wd[2], (int) wd[3]);
        double[] w = finite(node, wt);
        double[] b = new double[oc];
        if (node.inputs().size() > 2 && !node.inputs().get(2).isEmpty()) {
            double[] bv = finite(node, constant(node, 2));
            if (bv.length != oc) {
                throw unsupported(node, "bias has " + bv.length + " values, expected " + oc);
            }
            b = bv;
        }
        if (pendMul != null) {
            int per = shape[1] * shape[2];
            double[] cm = perChannel(node, pendMul, shape[0], per);
            double[] ca = perChannel(node, pendAdd, shape[0], per);
            boolean padded = win.padTop() + win.padLeft() + win.padBottom() + win.padRight() > 0;
            int k = win.kH() * win.kW();
            for (int o = 0; o < oc; o++) {
                for (int c = 0; c < shape[0]; c++) {
                    for (int i = 0; i < k; i++) {
                        int idx = (o * shape[0] + c) * k + i;
                        if (ca[c] != 0) {
                            if (padded) {
                                throw unsupported(node, "follows " + pendingFrom
                                        + ", whose additive constant cannot be folded into a zero-padded convolution");
                            }
                            b[o] += w[idx] * ca[c];
                        }
                        w[idx] *= cm[c];
                    }
                }
            }
            pendMul = null;
            pendAdd = null;
        }
        ops.add(new FloatOp.Conv2d(win, oc, w, b, false));
        shape = new int[] {oc, win.outH(), win.outW()};
    }

    private Window2d window(OnnxNode node, int[] in, int kH, int kW) {
        long[] ks = node.attribute("kernel_shape").map(OnnxAttribute::ints).orElse(null);
        if (ks != null && (ks.length != 2 || ks[0] != kH || ks[1] != kW)) {
            throw unsupported(node, "kernel_shape " + Arrays.toString(ks) + " does not match " + kH + "x" + kW);
        }
        long[] dil = node.attribute("dilations").map(OnnxAttribute::ints).orElse(new long[] {1, 1});
        for (long d : dil) {
            if (d != 1) {
                throw unsupported(node, "dilation " + Arrays.toString(dil) + " is not supported (only 1)");
            }
        }
        long[] st = node.attribute("strides").map(OnnxAttribute::ints).orElse(new long[] {1, 1});
        if (st.length != 2 || st[0] < 1 || st[1] < 1) {
            throw unsupported(node, "strides " + Arrays.toString(st) + " are invalid for 2-D");
        }
        long[] pads = node.attribute("pads").map(OnnxAttribute::ints).orElse(new long[] {0, 0, 0, 0});
        String autoPad = node.attribute("auto_pad").map(a -> new String(a.s())).orElse("NOTSET");
        switch (autoPad) {
            case "NOTSET" -> { }
            case "VALID" -> pads = new long[] {0, 0, 0, 0};
            case "SAME_UPPER", "SAME_LOWER" -> {
                long[] p = new long[4];
                int[] k = {kH, kW};
                for (int d = 0; d < 2; d++) {
                    long outSize = (in[d + 1] + st[d] - 1) / st[d];
                    long total = Math.max(0, (outSize - 1) * st[d] + k[d] - in[d + 1]);
                    long small = total / 2;
                    long big = total - small;
                    p[d] = autoPad.equals("SAME_UPPER") ? small : big;
                    p[d + 2] = autoPad.equals("SAME_UPPER") ? big : small;
                }
                pads = p;
            }
            default -> throw unsupported(node, "auto_pad '" + autoPad + "' is not supported");
        }
        if (pads.length != 4) {
            throw unsupported(node, "pads " + Arrays.toString(pads) + " are invalid for 2-D");
        }
        for (long p : pads) {
            if (p < 0 || p >= Math.max(kH, kW) + 1L) {
                if (p < 0) {
                    throw unsupported(node, "negative padding " + Arrays.toString(pads));
                }
            }
        }
        try {
            return new Window2d(in[0], in[1], in[2], kH, kW, (int) st[0], (int) st[1], (int) pads[0], (int) pads[1],
                    (int) pads[2], (int) pads[3]);
        } catch (IllegalArgumentException e) {
            throw unsupported(node, e.getMessage());
        }
    }

    // ------------------------------------------------------------------ non-linear and shape layers

    private void relu(OnnxNode node) {
        requireNoPending(node);
        FloatOp last = ops.isEmpty() ? null : ops.get(ops.size() - 1);
        if (last instanceof FloatOp.Dense d && !d.relu()) {
            ops.set(ops.size() - 1, d.withRelu());
        } else if (last instanceof FloatOp.Conv2d c && !c.relu()) {
            ops.set(ops.size() - 1, c.withRelu());
        } else if (ops.isEmpty()) {
            throw unsupported(node, "ReLU before the first linear layer is not supported");
        } else {
            ops.add(new FloatOp.Relu(shape.clone()));
        }
    }

    private void pool(OnnxNode node) {
        requireNoPending(node);
        if (ops.isEmpty()) {
            throw unsupported(node, "pooling before the first linear layer is not supported");
        }
        if (shape.length != 3) {
            throw unsupported(node, "input has shape " + Shapes.toString(shape) + "; only 2-D pooling on [C,H,W] is supported");
        }
        if (node.attribute("ceil_mode").map(OnnxAttribute::i).orElse(0L) != 0) {
            throw unsupported(node, "ceil_mode=1 is not supported");
        }
        if (node.attribute("storage_order").map(OnnxAttribute::i).orElse(0L) != 0) {
            throw unsupported(node, "storage_order=1 is not supported");
        }
        long[] ks = node.attribute("kernel_shape").map(OnnxAttribute::ints)
                .orElseThrow(() -> unsupported(node, "has no kernel_shape"));
        if (ks.length != 2) {
            throw unsupported(node, "kernel_shape " + Arrays.toString(ks) + " is not 2-D");
        }
        Window2d win = window(node, shape, (int) ks[0], (int) ks[1]);
        for (int oy = 0; oy < win.outH(); oy++) {
            for (int ox = 0; ox < win.outW(); ox++) {
                if (win.realCount(oy, ox) == 0) {
                    throw unsupported(node, "a pooling window covers only padding");
                }
            }
        }
        if (node.opType().equals("MaxPool")) {
            ops.add(new FloatOp.MaxPool(win));
        } else {
            boolean include = node.attribute("count_include_pad").map(OnnxAttribute::i).orElse(0L) != 0;
            ops.add(new FloatOp.AvgPool(win, include));
        }
        shape = new int[] {shape[0], win.outH(), win.outW()};
    }

    private void globalAvg(OnnxNode node) {
        requireNoPending(node);
        if (shape.length != 3) {
            throw unsupported(node, "input has shape " + Shapes.toString(shape) + "; expected [C,H,W]");
        }
        ops.add(new FloatOp.GlobalAvgPool(shape[0], shape[1], shape[2]));
        shape = new int[] {shape[0], 1, 1};
    }

    private void flatten(OnnxNode node) {
        long axis = node.attribute("axis").map(OnnxAttribute::i).orElse(1L);
        if (axis < 0) {
            axis += shape.length + 1;
        }
        if (axis != 1 && axis != 0) {
            throw unsupported(node, "axis " + axis + " would fold the batch dimension; only axis 1 is supported");
        }
        reshapeTo(new int[] {Shapes.size(shape)});
    }

    private void reshape(OnnxNode node) {
        OnnxTensor st = constant(node, 1);
        long[] target = st.toLongs();
        boolean allowZero = node.attribute("allowzero").map(OnnxAttribute::i).orElse(0L) != 0;
        int[] full = new int[shape.length + 1];
        full[0] = 1;
        System.arraycopy(shape, 0, full, 1, shape.length);
        long[] res = new long[target.length];
        int infer = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            long t = target[i];
            if (t == 0 && !allowZero) {
                if (i >= full.length) {
                    throw unsupported(node, "shape entry 0 at position " + i + " has no input dimension to copy");
                }
                t = full[i];
            }
            if (t == -1) {
                if (infer >= 0) {
                    throw unsupported(node, "shape has more than one -1");
                }
                infer = i;
                continue;
            }
            if (t < 0) {
                throw unsupported(node, "shape entry " + t + " is invalid");
            }
            res[i] = t;
            known *= Math.max(t, 1);
        }
        long total = Shapes.size(shape);
        if (infer >= 0) {
            if (known == 0 || total % known != 0) {
                throw unsupported(node, "cannot infer -1 in shape " + Arrays.toString(target));
            }
            res[infer] = total / known;
        }
        long prod = 1;
        for (long r : res) {
            prod *= r;
        }
        if (prod != total || res.length == 0 || res[0] != 1) {
            throw unsupported(node, "target shape " + Arrays.toString(res) + " does not keep " + total
                    + " values with a leading batch dimension of 1");
        }
        int[] to = new int[res.length - 1];
        for (int i = 1; i < res.length; i++) {
            to[i - 1] = (int) res[i];
        }
        reshapeTo(to);
    }

    private void reshapeTo(int[] to) {
        if (Arrays.equals(to, shape)) {
            return;
        }
        if (!ops.isEmpty()) {
            ops.add(new FloatOp.Reshape(shape.clone(), to));
        } else {
            // a reshape of the raw input only changes how later layers read it
            inputShapeAtStart = inputShapeAtStart.clone();
        }
        shape = to;
        if (ops.isEmpty()) {
            inputShapeAtStart = to.clone();
        }
    }

    private void outputTransform(OnnxNode node) {
        requireNoPending(node);
        if (node.opType().equals("Softmax")) {
            long axis = node.attribute("axis").map(OnnxAttribute::i).orElse(-1L);
            if (axis != -1 && axis != shape.length) {
                throw unsupported(node, "softmax over axis " + axis + " is not supported; only the last axis");
            }
            transform = OutputTransform.SOFTMAX;
        } else {
            transform = OutputTransform.SIGMOID;
        }
        transformNode = node;
    }

    // ------------------------------------------------------------------ constants

    private OnnxTensor constant(OnnxNode node, int idx) {
        if (idx >= node.inputs().size() || node.inputs().get(idx).isEmpty()) {
            throw unsupported(node, "input " + idx + " is missing");
        }
        OnnxTensor t = constants.get(node.inputs().get(idx));
        if (t == null) {
            throw unsupported(node, "input " + idx + " ('" + node.inputs().get(idx)
                    + "') must be a constant (initializer)");
        }
        return t;
    }

    private static OnnxTensor constantValue(OnnxNode node) {
        for (OnnxAttribute a : node.attributes()) {
            switch (a.name()) {
                case "value" -> {
                    OnnxTensor t = a.t();
                    return new OnnxTensor(node.outputs().get(0), t.dataType(), t.dims(), t.rawData(), t.floatData(),
                            t.doubleData(), t.int64Data(), t.int32Data(), t.external());
                }
                case "value_float" -> {
                    return OnnxTensor.float32(node.outputs().get(0), new long[0], new float[] {a.f()});
                }
                case "value_floats" -> {
                    return OnnxTensor.float32(node.outputs().get(0), new long[] {a.floats().length}, a.floats());
                }
                case "value_int" -> {
                    return OnnxTensor.int64(node.outputs().get(0), new long[0], new long[] {a.i()});
                }
                case "value_ints" -> {
                    return OnnxTensor.int64(node.outputs().get(0), new long[] {a.ints().length}, a.ints());
                }
                default -> { }
            }
        }
        throw unsupported(node, "Constant without a supported value attribute");
    }

    private double[] finite(OnnxNode node, OnnxTensor t) {
        double[] v = t.toDoubles();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw unsupported(node, "constant '" + t.name() + "' holds " + v[i] + " at element " + i
                        + " (NaN/Inf weights cannot be quantised)");
            }
        }
        return v;
    }

    /** Numpy-style broadcast of a constant to the current tensor (with its batch dimension of 1). */
    private double[] broadcast(OnnxNode node, OnnxTensor c) {
        double[] v = finite(node, c);
        long[] cd = c.dims();
        int[] full = new int[shape.length + 1];
        full[0] = 1;
        System.arraycopy(shape, 0, full, 1, shape.length);
        if (cd.length > full.length) {
            throw unsupported(node, "constant '" + c.name() + "' has rank " + cd.length + ", more than the activation's");
        }
        int off = full.length - cd.length;
        for (int i = 0; i < cd.length; i++) {
            if (cd[i] != 1 && cd[i] != full[off + i]) {
                throw unsupported(node, "constant '" + c.name() + "' of shape " + Arrays.toString(cd)
                        + " does not broadcast to " + Arrays.toString(full));
            }
        }
        int n = Shapes.size(shape);
        double[] out = new double[n];
        int[] idx = new int[full.length];
        for (int flat = 0; flat < n; flat++) {
            int rem = flat;
            for (int d = full.length - 1; d >= 1; d--) {
                idx[d] = rem % full[d];
                rem /= full[d];
            }
            int ci = 0;
            for (int i = 0; i < cd.length; i++) {
                int d = off + i;
                ci = ci * (int) cd[i] + (cd[i] == 1 ? 0 : idx[d]);
            }
            out[flat] = v[ci];
        }
        return out;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    private static UnsupportedModelException unsupported(OnnxNode node, String why) {
        return new UnsupportedModelException(node.describe() + ": " + why);
    }
}
