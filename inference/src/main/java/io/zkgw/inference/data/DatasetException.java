package io.zkgw.inference.data;

import io.zkgw.inference.InferenceException;

/** A CSV file that cannot be used as given; the message names the file, row and column. */
public final class DatasetException extends InferenceException {
    public DatasetException(String message) {
        super(message);
    }
}
