package io.zkgw.inference.onnx;

import java.util.List;
import java.util.Optional;

/** ONNX NodeProto. Empty input names mean "optional input left out", as in the spec. */
public record OnnxNode(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                       List<OnnxAttribute> attributes) {
    public OnnxNode {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = List.copyOf(attributes);
    }

    public Optional<OnnxAttribute> attribute(String attrName) {
        return attributes.stream().filter(a -> a.name().equals(attrName)).findFirst();
    }

    /** A human-readable handle for error messages: op type plus node name or first output. */
    public String describe() {
        String id = !name.isEmpty() ? name : (outputs.isEmpty() ? "?" : outputs.get(0));
        return opType + " node '" + id + "'";
    }
}
