package io.zkgw.ir;

/**
 * An integer model, its encoding or an input to it is invalid. The message names what is wrong (layer,
 * field, element index) and never echoes an input value. {@code ModelIrException} extends it, so one
 * catch covers the whole model pipeline.
 */
public class ModelIrException extends RuntimeException {
    public ModelIrException(String message) {
        super(message);
    }

    public ModelIrException(String message, Throwable cause) {
        super(message, cause);
    }
}
