package io.zkgw.inference.ort;

/** Where ONNX Runtime executes: CPU always; CUDA needs the onnxruntime_gpu build and an NVIDIA GPU. */
public enum ExecutionProvider {
    CPU, CUDA;

    public static ExecutionProvider parse(String s) {
        return switch (s.trim().toLowerCase()) {
            case "cpu" -> CPU;
            case "cuda", "gpu" -> CUDA;
            default -> throw new IllegalArgumentException("unknown execution provider '" + s + "' (cpu or cuda)");
        };
    }
}
