package io.zkgw.inference.importer;

import io.zkgw.inference.InferenceException;

/** A well-formed ONNX model that zkgw cannot import exactly (op, attribute, shape or value). */
public final class UnsupportedModelException extends InferenceException {
    public UnsupportedModelException(String message) {
        super(message);
    }
}
