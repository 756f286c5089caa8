package io.zkgw.cli.clinician;

import io.zkgw.chainapp.app.Code;
import java.util.Optional;

/**
 * Why a clinician operation did not produce an answer. The message is one line that names what is wrong
 * (the model, the provider, the feature, the file, the ledger code, the failed check) and never contains a
 * patient value, the mask seed or key material.
 */
public final class ClinicianException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure, for callers that react differently (scripts, the demo, the gateway's tests). */
    public enum Kind {
        /** patient.json or an argument is not acceptable (names the feature or option). */
        BAD_INPUT,
        /** the model id is not on the ledger, or has no usable model card. */
        UNKNOWN_MODEL,
        /** the provider address is not a registered provider, or not the model's provider. */
        UNKNOWN_PROVIDER,
        /** the request id is not on the ledger, or not in the local store. */
        UNKNOWN_REQUEST,
        /** the ledger refused the transaction; {@link #ledgerCode()} says why. */
        LEDGER_REFUSED,
        /** the local request store entry is unreadable, altered, or does not match the ledger. */
        STORE,
        /** the node's answers did not verify against the trust anchor (light client). */
        VERIFICATION,
        /** the fulfilment's proof does not verify here: no prediction is shown. */
        PROOF_INVALID,
        /** the request is still pending when the wait ended. */
        STILL_PENDING,
        /** the node could not be reached, or answered something unusable. */
        NODE
    }

    private final Kind kind;
    private final Code ledgerCode;

    public ClinicianException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public ClinicianException(Kind kind, String message, Throwable cause) {
        this(kind, message, null, cause);
    }

    public ClinicianException(Kind kind, String message, Code ledgerCode, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.ledgerCode = ledgerCode;
    }

    public Kind kind() {
        return kind;
    }

    /** The ledger's result code when {@link Kind#LEDGER_REFUSED}. */
    public Optional<Code> ledgerCode() {
        return Optional.ofNullable(ledgerCode);
    }
}
