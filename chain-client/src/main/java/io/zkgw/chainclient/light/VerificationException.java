package io.zkgw.chainclient.light;

/** Thrown when the light client or a proof check refuses its input; {@link #error()} says why. */
public final class VerificationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient VerificationError error;

    public VerificationException(VerificationError error) {
        super(error.describe());
        this.error = error;
    }

    public VerificationError error() {
        return error;
    }
}
