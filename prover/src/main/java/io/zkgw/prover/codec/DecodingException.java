package io.zkgw.prover.codec;

import io.zkgw.prover.VerificationException;

/**
 * Bytes that are not the one canonical encoding of the expected object: wrong version, wrong length,
 * trailing bytes, a field element ≥ p. A subtype of {@link VerificationException} so that a verifier
 * handles "does not decode" exactly like "does not verify".
 */
public final class DecodingException extends VerificationException {
    private static final long serialVersionUID = 1L;

    public DecodingException(String message) {
        super(message);
    }
}
