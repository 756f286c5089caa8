package io.zkgw.inference.onnx;

import java.util.List;

/** ONNX GraphProto: nodes in file order, initializers, and the declared inputs and outputs. */
public record OnnxGraph(String name, List<OnnxNode> nodes, List<OnnxTensor> initializers,
                        List<ValueInfo> inputs, List<ValueInfo> outputs) {
    public OnnxGraph {
        nodes = List.copyOf(nodes);
        initializers = List.copyOf(initializers);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
