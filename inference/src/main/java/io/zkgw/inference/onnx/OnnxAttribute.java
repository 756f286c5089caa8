package io.zkgw.inference.onnx;

/**
 * ONNX AttributeProto. Only the scalar, list and tensor kinds are kept; graph-valued attributes are
 * recorded by type so the importer can reject their ops by name.
 */
public record OnnxAttribute(String name, int type, float f, long i, byte[] s, OnnxTensor t, float[] floats,
                            long[] ints) {
    public static final int FLOAT = 1;
    public static final int INT = 2;
    public static final int STRING = 3;
    public static final int TENSOR = 4;
    public static final int GRAPH = 5;
    public static final int FLOATS = 6;
    public static final int INTS = 7;

    public static OnnxAttribute ofInt(String name, long v) {
        return new OnnxAttribute(name, INT, 0f, v, null, null, null, null);
    }

    public static OnnxAttribute ofInts(String name, long... v) {
        return new OnnxAttribute(name, INTS, 0f, 0, null, null, null, v.clone());
    }

    public static OnnxAttribute ofFloat(String name, float v) {
        return new OnnxAttribute(name, FLOAT, v, 0, null, null, null, null);
    }

    public static OnnxAttribute ofTensor(String name, OnnxTensor t) {
        return new OnnxAttribute(name, TENSOR, 0f, 0, null, t, null, null);
    }
}
