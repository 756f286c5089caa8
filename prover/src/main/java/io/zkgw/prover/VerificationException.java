package io.zkgw.prover;

/**
 * A proof, commitment or message was rejected. Checked on purpose: every caller of a verifier must
 * decide what a rejection means for it (refund, log, refuse), it cannot be forgotten.
 */
public class VerificationException extends Exception {
    private static final long serialVersionUID = 1L;

    public VerificationException(String message) {
        super(message);
    }

    public VerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
