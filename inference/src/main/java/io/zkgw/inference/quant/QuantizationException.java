package io.zkgw.inference.quant;

import io.zkgw.inference.InferenceException;

/** The model or calibration data cannot be quantised within the integer format's limits. */
public final class QuantizationException extends InferenceException {
    public QuantizationException(String message) {
        super(message);
    }
}
