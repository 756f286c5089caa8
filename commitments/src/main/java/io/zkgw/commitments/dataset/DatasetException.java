package io.zkgw.commitments.dataset;

/** A dataset file that cannot be committed as given; the message names the file and line, never cell values. */
public final class DatasetException extends RuntimeException {
    public DatasetException(String message) {
        super(message);
    }
}
