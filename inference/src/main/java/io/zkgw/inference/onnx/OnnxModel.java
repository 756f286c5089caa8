package io.zkgw.inference.onnx;

import java.util.List;

/** The subset of ONNX's ModelProto that zkgw reads and writes. */
public record OnnxModel(long irVersion, List<OpsetId> opsets, String producerName, OnnxGraph graph) {
    public OnnxModel {
        opsets = List.copyOf(opsets);
    }

    /** Version of the default ("" or "ai.onnx") operator set, or -1 when the model declares none. */
    public long defaultOpset() {
        for (OpsetId o : opsets) {
            if (o.domain().isEmpty() || o.domain().equals("ai.onnx")) {
                return o.version();
            }
        }
        return -1;
    }

    public record OpsetId(String domain, long version) {}
}
