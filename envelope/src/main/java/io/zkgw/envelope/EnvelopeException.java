package io.zkgw.envelope;

/**
 * A request envelope or payload that cannot be used, with the reason a provider posts on chain. The
 * message names the field or step that failed; it never contains a patient value, a key or plaintext.
 */
public final class EnvelopeException extends Exception {
    private final Reason reason;

    public EnvelopeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "EnvelopeException[" + reason + " (" + reason.code() + "): " + getMessage() + "]";
    }
}
