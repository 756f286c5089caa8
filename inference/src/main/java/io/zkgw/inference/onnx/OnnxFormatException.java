package io.zkgw.inference.onnx;

import io.zkgw.inference.InferenceException;

/** The bytes are not a well-formed ONNX protobuf (truncated, bad wire type, bad length). */
public final class OnnxFormatException extends InferenceException {
    public OnnxFormatException(String message) {
        super(message);
    }
}
