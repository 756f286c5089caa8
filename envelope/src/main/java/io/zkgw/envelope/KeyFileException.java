package io.zkgw.envelope;

/** A key file that cannot be used. The message names the file and the field, never key material. */
public final class KeyFileException extends Exception {
    public KeyFileException(String message) {
        super(message);
    }
}
