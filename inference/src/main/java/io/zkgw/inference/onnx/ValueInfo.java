package io.zkgw.inference.onnx;

import java.util.List;

/**
 * A declared graph input or output: element type and shape. A dimension is either a fixed size
 * ({@code value >= 0}) or a symbolic name ({@code param}), or unknown.
 */
public record ValueInfo(String name, int elemType, List<Dim> dims, boolean hasShape) {
    public ValueInfo {
        dims = List.copyOf(dims);
    }

    public record Dim(long value, String param) {
        public static Dim fixed(long v) {
            return new Dim(v, "");
        }

        public boolean isFixed() {
            return value >= 0;
        }

        @Override
        public String toString() {
            return isFixed() ? Long.toString(value) : (param.isEmpty() ? "?" : param);
        }
    }
}
