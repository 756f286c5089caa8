package io.zkgw.inference.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes and encodes the ONNX ModelProto subset zkgw uses, straight from the protobuf wire format
 * (field numbers per onnx.proto). Unknown fields are skipped as protobuf requires; malformed bytes
 * raise {@link OnnxFormatException} naming the offset and the message path.
 */
public final class OnnxCodec {
    private OnnxCodec() {}

    public static OnnxModel read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new OnnxFormatException("cannot read ONNX file " + file + ": " + e.getMessage());
        }
        if (bytes.length == 0) {
            throw new OnnxFormatException("ONNX file " + file + " is empty");
        }
        return decode(bytes);
    }

    public static OnnxModel decode(byte[] bytes) {
        ProtoReader r = ProtoReader.of(bytes, "ModelProto");
        long ir = 0;
        List<OnnxModel.OpsetId> opsets = new ArrayList<>();
        String producer = "";
        OnnxGraph graph = null;
        while (r.hasMore()) {
            int tag = r.readTag();
            int field = tag >>> 3;
            int wt = tag & 7;
            switch (field) {
                case 1 -> ir = expect(r, wt, ProtoReader.VARINT, "ir_version").readVarint();
                case 2 -> producer = expect(r, wt, ProtoReader.LEN, "producer_name").readString();
                case 7 -> graph = decodeGraph(expect(r, wt, ProtoReader.LEN, "graph").readMessage("ModelProto.graph"));
                case 8 -> opsets.add(decodeOpset(expect(r, wt, ProtoReader.LEN, "opset_import")
                        .readMessage("ModelProto.opset_import")));
                default -> r.skip(wt);
            }
        }
        if (graph == null) {
            throw new OnnxFormatException("corrupt ONNX: ModelProto has no graph (not an ONNX model?)");
        }
        return new OnnxModel(ir, opsets, producer, graph);
    }

    private static ProtoReader expect(ProtoReader r, int wt, int want, String field) {
        if (wt != want) {
            throw r.error("field " + field + " has wire type " + wt + ", expected " + want);
        }
        return r;
    }

    private static OnnxModel.OpsetId decodeOpset(ProtoReader r) {
        String domain = "";
        long version = 0;
        while (r.hasMore()) {
            int tag = r.readTag();
            switch (tag >>> 3) {
                case 1 -> domain = expect(r, tag & 7, ProtoReader.LEN, "domain").readString();
                case 2 -> version = expect(r, tag & 7, ProtoReader.VARINT, "version").readVarint();
                default -> r.skip(tag & 7);
            }
        }
        return new OnnxModel.OpsetId(domain, version);
    }

    private static OnnxGraph decodeGraph(ProtoReader r) {
        String name = "";
        List<OnnxNode> nodes = new ArrayList<>();
        List<OnnxTensor> inits = new ArrayList<>();
        List<ValueInfo> inputs = new ArrayList<>();
        List<ValueInfo> outputs = new ArrayList<>();
        while (r.hasMore()) {
            int tag = r.readTag();
            int wt = tag & 7;
            switch (tag >>> 3) {
                case 1 -> nodes.add(decodeNode(expect(r, wt, ProtoReader.LEN, "node")
                        .readMessage(r.path() + ".node[" + nodes.size() + "]")));
                case 2 -> name = expect(r, wt, ProtoReader.LEN, "name").readString();
                case 5 -> inits.add(decodeTensor(expect(r, wt, ProtoReader.LEN, "initializer")
                        .readMessage(r.path() + ".initializer[" + inits.size() + "]")));
                case 11 -> inputs.add(decodeValueInfo(expect(r, wt, ProtoReader.LEN, "input")
                        .readMessage(r.path() + ".input[" + inputs.size() + "]")));
                case 12 -> outputs.add(decodeValueInfo(expect(r, wt, ProtoReader.LEN, "output")
                        .readMessage(r.path() + ".output[" + outputs.size() + "]")));
                case 15 -> throw r.error("sparse initializers are not supported");
                default -> r.skip(wt);
            }
        }
        return new OnnxGraph(name, nodes, inits, inputs, outputs);
    }

    private static OnnxNode decodeNode(ProtoReader r) {
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        String name = "";
        String op = "";
        String domain = "";
        List<OnnxAttribute> attrs = new ArrayList<>();
        while (r.hasMore()) {
            int tag = r.readTag();
            int wt = tag & 7;
            switch (tag >>> 3) {
                case 1 -> in.add(expect(r, wt, ProtoReader.LEN, "input").readString());
                case 2 -> out.add(expect(r, wt, ProtoReader.LEN, "output").readString());
                case 3 -> name = expect(r, wt, ProtoReader.LEN, "name").readString();
                case 4 -> op = expect(r, wt, ProtoReader.LEN, "op_type").readString();
                case 5 -> attrs.add(decodeAttribute(expect(r, wt, ProtoReader.LEN, "attribute")
                        .readMessage(r.path() + ".attribute[" + attrs.size() + "]")));
                case 7 -> domain = expect(r, wt, ProtoReader.LEN, "domain").readString();
                default -> r.skip(wt);
            }
        }
        return new OnnxNode(name, op, domain, in, out, attrs);
    }

    private static OnnxAttribute decodeAttribute(ProtoReader r) {
        String name = "";
        int type = 0;
        float f = 0;
        long i = 0;
        byte[] s = null;
        OnnxTensor t = null;
        FloatList floats = new FloatList();
        LongList ints = new LongList();
        boolean graph = false;
        while (r.hasMore()) {
            int tag = r.readTag();
            int wt = tag & 7;
            switch (tag >>> 3) {
                case 1 -> name = expect(r, wt, ProtoReader.LEN, "name").readString();
                case 2 -> f = expect(r, wt, ProtoReader.FIXED32, "f").readFloat();
                case 3 -> i = expect(r, wt, ProtoReader.VARINT, "i").readVarint();
                case 4 -> s = expect(r, wt, ProtoReader.LEN, "s").readBytes();
                case 5 -> t = decodeTensor(expect(r, wt, ProtoReader.LEN, "t").readMessage(r.path() + ".t"));
                case 6 -> {
                    graph = true;
                    r.skip(wt);
                }
                case 7 -> readFloats(r, wt, floats);
                case 8 -> readVarints(r, wt, ints);
                case 20 -> type = (int) expect(r, wt, ProtoReader.VARINT, "type").readVarint();
                default -> r.skip(wt);
            }
        }
        if (type == 0) {
            // Old writers leave the type out; infer it from what is present.
            type = graph ? OnnxAttribute.GRAPH : t != null ? OnnxAttribute.TENSOR : s != null ? OnnxAttribute.STRING
                    : ints.size > 0 ? OnnxAttribute.INTS : floats.size > 0 ? OnnxAttribute.FLOATS : OnnxAttribute.INT;
        }
        return new OnnxAttribute(name, type, f, i, s, t, floats.toArray(), ints.toArray());
    }

    private static ValueInfo decodeValueInfo(ProtoReader r) {
        String name = "";
        int elem = 0;
        List<ValueInfo.Dim> dims = new ArrayList<>();
        boolean hasShape = false;
        while (r.hasMore()) {
            int tag = r.readTag();
            int wt = tag & 7;
            switch (tag >>> 3) {
                case 1 -> name = expect(r, wt, ProtoReader.LEN, "name").readString();
                case 2 -> {
                    ProtoReader type = expect(r, wt, ProtoReader.LEN, "type").readMessage(r.path() + ".type");
                    while (type.hasMore()) {
                        int tt = type.readTag();
                        if ((tt >>> 3) == 1) {
                            ProtoReader tensor = expect(type, tt & 7, ProtoReader.LEN, "tensor_type")
                                    .readMessage(type.path() + ".tensor_type");
                            while (tensor.hasMore()) {
                                int t2 = tensor.readTag();
                                switch (t2 >>> 3) {
                                    case 1 -> elem = (int) expect(tensor, t2 & 7, ProtoReader.VARINT, "elem_type")
                                            .readVarint();
                                    case 2 -> {
                                        hasShape = true;
                                        decodeShape(expect(tensor, t2 & 7, ProtoReader.LEN, "shape")
                                                .readMessage(tensor.path() + ".shape"), dims);
                                    }
                                    default -> tensor.skip(t2 & 7);
                                }
                            }
                        } else {
                            type.skip(tt & 7);
                        }
                    }
                }
                default -> r.skip(wt);
            }
        }
        return new ValueInfo(name, elem, dims, hasShape);
    }

    private static void decodeShape(ProtoReader r, List<ValueInfo.Dim> dims) {
        while (r.hasMore()) {
            int tag = r.readTag();
            if ((tag >>> 3) != 1) {
                r.skip(tag & 7);
                continue;
            }
            ProtoReader d = expect(r, tag & 7, ProtoReader.LEN, "dim").readMessage(r.path() + ".dim[" + dims.size() + "]");
            long value = -1;
            String param = "";
            while (d.hasMore()) {
                int t = d.readTag();
                switch (t >>> 3) {
                    case 1 -> value = expect(d, t & 7, ProtoReader.VARINT, "dim_value").readVarint();
                    case 2 -> param = expect(d, t & 7, ProtoReader.LEN, "dim_param").readString();
                    default -> d.skip(t & 7);
                }
            }
            dims.add(new ValueInfo.Dim(value, param));
        }
    }

    private static OnnxTensor decodeTensor(ProtoReader r) {
        LongList dims = new LongList();
        int type = 0;
        String name = "";
        byte[] raw = null;
        FloatList floats = new FloatList();
        DoubleList doubles = new DoubleList();
        LongList longs = new LongList();
        LongList int32s = new LongList();
        boolean external = false;
        while (r.hasMore()) {
            int tag = r.readTag();
            int wt = tag & 7;
            switch (tag >>> 3) {
                case 1 -> readVarints(r, wt, dims);
                case 2 -> type = (int) expect(r, wt, ProtoReader.VARINT, "data_type").readVarint();
                case 4 -> readFloats(r, wt, floats);
                case 5 -> readVarints(r, wt, int32s);
                case 7 -> readVarints(r, wt, longs);
                case 8 -> name = expect(r, wt, ProtoReader.LEN, "name").readString();
                case 9 -> raw = expect(r, wt, ProtoReader.LEN, "raw_data").readBytes();
                case 10 -> readDoubles(r, wt, doubles);
                case 14 -> external = expect(r, wt, ProtoReader.VARINT, "data_location").readVarint() == 1;
                default -> r.skip(wt);
            }
        }
        long[] i32 = int32s.toArray();
        int[] int32 = new int[i32.length];
        for (int k = 0; k < i32.length; k++) {
            int32[k] = (int) i32[k];
        }
        return new OnnxTensor(name, type, dims.toArray(), raw, floats.toArray(), doubles.toArray(), longs.toArray(),
                int32, external);
    }

    private static void readVarints(ProtoReader r, int wt, LongList out) {
        if (wt == ProtoReader.LEN) {
            ProtoReader p = r.readMessage(r.path());
            while (p.hasMore()) {
                out.add(p.readVarint());
            }
        } else {
            out.add(expect(r, wt, ProtoReader.VARINT, "repeated int").readVarint());
        }
    }

    private static void readFloats(ProtoReader r, int wt, FloatList out) {
        if (wt == ProtoReader.LEN) {
            ProtoReader p = r.readMessage(r.path());
            while (p.hasMore()) {
                out.add(p.readFloat());
            }
        } else {
            out.add(expect(r, wt, ProtoReader.FIXED32, "repeated float").readFloat());
        }
    }

    private static void readDoubles(ProtoReader r, int wt, DoubleList out) {
        if (wt == ProtoReader.LEN) {
            ProtoReader p = r.readMessage(r.path());
            while (p.hasMore()) {
                out.add(p.readDouble());
            }
        } else {
            out.add(expect(r, wt, ProtoReader.FIXED64, "repeated double").readDouble());
        }
    }

    // ---------------------------------------------------------------- encoding

    public static byte[] encode(OnnxModel m) {
        ProtoWriter w = new ProtoWriter();
        w.int64(1, m.irVersion());
        if (!m.producerName().isEmpty()) {
            w.string(2, m.producerName());
        }
        w.message(7, encodeGraph(m.graph()));
        for (OnnxModel.OpsetId o : m.opsets()) {
            ProtoWriter ow = new ProtoWriter();
            if (!o.domain().isEmpty()) {
                ow.string(1, o.domain());
            }
            ow.int64(2, o.version());
            w.message(8, ow);
        }
        return w.toByteArray();
    }

    private static ProtoWriter encodeGraph(OnnxGraph g) {
        ProtoWriter w = new ProtoWriter();
        for (OnnxNode n : g.nodes()) {
            w.message(1, encodeNode(n));
        }
        w.string(2, g.name());
        for (OnnxTensor t : g.initializers()) {
            w.message(5, encodeTensor(t));
        }
        for (ValueInfo v : g.inputs()) {
            w.message(11, encodeValueInfo(v));
        }
        for (ValueInfo v : g.outputs()) {
            w.message(12, encodeValueInfo(v));
        }
        return w;
    }

    private static ProtoWriter encodeNode(OnnxNode n) {
        ProtoWriter w = new ProtoWriter();
        for (String s : n.inputs()) {
            w.string(1, s);
        }
        for (String s : n.outputs()) {
            w.string(2, s);
        }
        if (!n.name().isEmpty()) {
            w.string(3, n.name());
        }
        w.string(4, n.opType());
        for (OnnxAttribute a : n.attributes()) {
            ProtoWriter aw = new ProtoWriter();
            aw.string(1, a.name());
            switch (a.type()) {
                case OnnxAttribute.FLOAT -> aw.float32(2, a.f());
                case OnnxAttribute.INT -> aw.int64(3, a.i());
                case OnnxAttribute.STRING -> aw.bytes(4, a.s());
                case OnnxAttribute.TENSOR -> aw.message(5, encodeTensor(a.t()));
                case OnnxAttribute.INTS -> {
                    for (long v : a.ints()) {
                        aw.int64(8, v);
                    }
                }
                default -> throw new IllegalArgumentException("cannot encode attribute type " + a.type());
            }
            aw.int64(20, a.type());
            w.message(5, aw);
        }
        if (!n.domain().isEmpty()) {
            w.string(7, n.domain());
        }
        return w;
    }

    private static ProtoWriter encodeTensor(OnnxTensor t) {
        if (t.rawData() == null) {
            throw new IllegalArgumentException("zkgw writes tensors as raw_data only: " + t.name());
        }
        ProtoWriter w = new ProtoWriter();
        if (t.dims().length > 0) {
            w.packedInt64(1, t.dims());
        }
        w.int64(2, t.dataType());
        w.string(8, t.name());
        w.bytes(9, t.rawData());
        return w;
    }

    private static ProtoWriter encodeValueInfo(ValueInfo v) {
        ProtoWriter shape = new ProtoWriter();
        for (ValueInfo.Dim d : v.dims()) {
            ProtoWriter dw = new ProtoWriter();
            if (d.isFixed()) {
                dw.int64(1, d.value());
            } else {
                dw.string(2, d.param());
            }
            shape.message(1, dw);
        }
        ProtoWriter tensor = new ProtoWriter();
        tensor.int64(1, v.elemType());
        if (v.hasShape()) {
            tensor.message(2, shape);
        }
        ProtoWriter type = new ProtoWriter();
        type.message(1, tensor);
        ProtoWriter w = new ProtoWriter();
        w.string(1, v.name());
        w.message(2, type);
        return w;
    }

    // Growable primitive lists, so decoding large tensors does not box every element.
    private static final class LongList {
        long[] a = new long[8];
        int size;

        void add(long v) {
            if (size == a.length) {
                a = java.util.Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(a, size);
        }
    }

    private static final class FloatList {
        float[] a = new float[8];
        int size;

        void add(float v) {
            if (size == a.length) {
                a = java.util.Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(a, size);
        }
    }

    private static final class DoubleList {
        double[] a = new double[8];
        int size;

        void add(double v) {
            if (size == a.length) {
                a = java.util.Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(a, size);
        }
    }
}
