package io.zkgw.inference;

import io.zkgw.ir.ModelIrException;

/**
 * Base of every error the model pipeline reports. Messages always name what is wrong
 * (node, op, field, column, row) so an operator can act without reading code.
 */
public class InferenceException extends ModelIrException {
    public InferenceException(String message) {
        super(message);
    }

    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
