package io.zkgw.inference;

import io.zkgw.inference.onnx.OnnxAttribute;
import io.zkgw.inference.onnx.OnnxCodec;
import io.zkgw.inference.onnx.OnnxGraph;
import io.zkgw.inference.onnx.OnnxModel;
import io.zkgw.inference.onnx.OnnxNode;
import io.zkgw.inference.onnx.OnnxTensor;
import io.zkgw.inference.onnx.ValueInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Builds small float ONNX graphs in tests, one chained node at a time. */
public final class OnnxBuilder {
    private final List<OnnxNode> nodes = new ArrayList<>();
    private final List<OnnxTensor> inits = new ArrayList<>();
    private final List<ValueInfo.Dim> inputDims = new ArrayList<>();
    private final Random rnd;
    private String cur = "input";
    private long opset = 13;

    public OnnxBuilder(long seed, long... inputDims) {
        rnd = new Random(seed);
        for (long d : inputDims) {
            this.inputDims.add(ValueInfo.Dim.fixed(d));
        }
    }

    public OnnxBuilder symbolicDim(int index, String name) {
        inputDims.set(index, new ValueInfo.Dim(-1, name));
        return this;
    }

    public OnnxBuilder opset(long v) {
        opset = v;
        return this;
    }

    public String constant(long[] dims, float[] values) {
        String name = "k" + inits.size();
        inits.add(OnnxTensor.float32(name, dims, values));
        return name;
    }

    public String randomConstant(double scale, long... dims) {
        int n = 1;
        for (long d : dims) {
            n *= (int) d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rnd.nextGaussian() * scale);
        }
        return constant(dims, v);
    }

    public String intConstant(long... values) {
        String name = "k" + inits.size();
        inits.add(OnnxTensor.int64(name, new long[] {values.length}, values));
        return name;
    }

    /** Appends a node reading the current tensor first, then the given extra inputs. */
    public OnnxBuilder op(String type, List<String> extra, OnnxAttribute... attrs) {
        List<String> in = new ArrayList<>();
        in.add(cur);
        in.addAll(extra);
        return raw(type, in, attrs);
    }

    public OnnxBuilder op(String type, OnnxAttribute... attrs) {
        return op(type, List.of(), attrs);
    }

    /** Appends a node with exactly these inputs; its output becomes the current tensor. */
    public OnnxBuilder raw(String type, List<String> inputs, OnnxAttribute... attrs) {
        String out = "t" + nodes.size();
        nodes.add(new OnnxNode("n" + nodes.size(), type, "", inputs, List.of(out), List.of(attrs)));
        cur = out;
        return this;
    }

    public String current() {
        return cur;
    }

    public OnnxModel model() {
        ValueInfo in = new ValueInfo("input", OnnxTensor.FLOAT, inputDims, true);
        ValueInfo out = new ValueInfo(cur, OnnxTensor.FLOAT, List.of(), false);
        return new OnnxModel(8, List.of(new OnnxModel.OpsetId("", opset)), "test",
                new OnnxGraph("g", nodes, inits, List.of(in), List.of(out)));
    }

    public byte[] bytes() {
        return OnnxCodec.encode(model());
    }
}
