package io.zkgw.inference.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * ONNX TensorProto, holding the values in whichever field the file used. {@link #toDoubles()} and
 * {@link #toLongs()} check that the stored element count matches the dims.
 */
public record OnnxTensor(String name, int dataType, long[] dims, byte[] rawData, float[] floatData,
                         double[] doubleData, long[] int64Data, int[] int32Data, boolean external) {
    public static final int FLOAT = 1;
    public static final int UINT8 = 2;
    public static final int INT8 = 3;
    public static final int INT32 = 6;
    public static final int INT64 = 7;
    public static final int DOUBLE = 11;

    /** An INT64 tensor stored as little-endian raw data (how zkgw writes its integer models). */
    public static OnnxTensor int64(String name, long[] dims, long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return new OnnxTensor(name, INT64, dims.clone(), b.array(), null, null, null, null, false);
    }

    /** A FLOAT tensor stored as little-endian raw data (used by tests that build float models). */
    public static OnnxTensor float32(String name, long[] dims, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return new OnnxTensor(name, FLOAT, dims.clone(), b.array(), null, null, null, null, false);
    }

    public long elementCount() {
        long n = 1;
        for (long d : dims) {
            if (d < 0) {
                throw new OnnxFormatException("tensor '" + name + "' has negative dimension " + d);
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public static String typeName(int t) {
        return switch (t) {
            case FLOAT -> "float32";
            case UINT8 -> "uint8";
            case INT8 -> "int8";
            case 4 -> "uint16";
            case 5 -> "int16";
            case INT32 -> "int32";
            case INT64 -> "int64";
            case 8 -> "string";
            case 9 -> "bool";
            case 10 -> "float16";
            case DOUBLE -> "float64";
            case 16 -> "bfloat16";
            default -> "type#" + t;
        };
    }

    /** Values as doubles; only float32 and float64 tensors qualify. */
    public double[] toDoubles() {
        checkInternal();
        int n = checkedCount();
        double[] out = new double[n];
        switch (dataType) {
            case FLOAT -> {
                if (rawData != null) {
                    requireRaw(n, 4);
                    ByteBuffer b = ByteBuffer.wrap(rawData).order(ByteOrder.LITTLE_ENDIAN);
                    for (int i = 0; i < n; i++) {
                        out[i] = b.getFloat();
                    }
                } else {
                    requireCount(floatData == null ? 0 : floatData.length, n);
                    for (int i = 0; i < n; i++) {
                        out[i] = floatData[i];
                    }
                }
            }
            case DOUBLE -> {
                if (rawData != null) {
                    requireRaw(n, 8);
                    ByteBuffer b = ByteBuffer.wrap(rawData).order(ByteOrder.LITTLE_ENDIAN);
                    for (int i = 0; i < n; i++) {
                        out[i] = b.getDouble();
                    }
                } else {
                    requireCount(doubleData == null ? 0 : doubleData.length, n);
                    System.arraycopy(doubleData, 0, out, 0, n);
                }
            }
            default -> throw new OnnxFormatException(
                    "tensor '" + name + "' has element type " + typeName(dataType) + ", expected a float type");
        }
        return out;
    }

    /** Values as longs; only int32 and int64 tensors qualify. */
    public long[] toLongs() {
        checkInternal();
        int n = checkedCount();
        long[] out = new long[n];
        switch (dataType) {
            case INT64 -> {
                if (rawData != null) {
                    requireRaw(n, 8);
                    ByteBuffer b = ByteBuffer.wrap(rawData).order(ByteOrder.LITTLE_ENDIAN);
                    for (int i = 0; i < n; i++) {
                        out[i] = b.getLong();
                    }
                } else {
                    requireCount(int64Data == null ? 0 : int64Data.length, n);
                    System.arraycopy(int64Data, 0, out, 0, n);
                }
            }
            case INT32 -> {
                if (rawData != null) {
                    requireRaw(n, 4);
                    ByteBuffer b = ByteBuffer.wrap(rawData).order(ByteOrder.LITTLE_ENDIAN);
                    for (int i = 0; i < n; i++) {
                        out[i] = b.getInt();
                    }
                } else {
                    requireCount(int32Data == null ? 0 : int32Data.length, n);
                    for (int i = 0; i < n; i++) {
                        out[i] = int32Data[i];
                    }
                }
            }
            default -> throw new OnnxFormatException(
                    "tensor '" + name + "' has element type " + typeName(dataType) + ", expected an integer type");
        }
        return out;
    }

    private void checkInternal() {
        if (external) {
            throw new OnnxFormatException("tensor '" + name
                    + "' keeps its data in an external file; save the model with all tensors inside it");
        }
    }

    private int checkedCount() {
        long n = elementCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new OnnxFormatException("tensor '" + name + "' is too large (" + n + " elements)");
        }
        return (int) n;
    }

    private void requireRaw(int n, int width) {
        if ((long) rawData.length != (long) n * width) {
            throw new OnnxFormatException("tensor '" + name + "' raw_data holds " + rawData.length
                    + " bytes, but dims need " + ((long) n * width));
        }
    }

    private void requireCount(int have, int n) {
        if (have != n) {
            throw new OnnxFormatException("tensor '" + name + "' holds " + have + " values, but dims need " + n);
        }
    }
}
