package io.zkgw.envelope;

import java.util.Optional;

/**
 * Why a provider refuses a request. The numbers are protocol: the gateway posts them as the
 * {@code reason_code} of a RejectRequest transaction (docs/chain.md, "RejectRequest reason codes"), so
 * they are never renumbered, only added. Codes 1–31 are the gateway's own; 32 and above belong to the
 * hospital's admission rules (policy files choose them).
 */
public enum Reason {
    /** A policy refused the request without a more specific code. */
    POLICY_REFUSED(1),
    /** The encrypted payload does not open with the provider's key for this request's public data. */
    BAD_CIPHERTEXT(2),
    /** The opened x or mask seed does not reproduce the on-chain C_x or C_r. */
    COMMITMENT_MISMATCH(3),
    /** The gateway is over capacity. */
    OVERLOADED(4),
    /** The model is no longer served. */
    MODEL_RETIRED(5),
    /** The plaintext is not a well-formed request payload. */
    MALFORMED_PAYLOAD(6),
    /** The envelope or payload carries a version this gateway does not know. */
    UNSUPPORTED_VERSION(7),
    /** The payload's input has a different number of values than the model's input. */
    WRONG_INPUT_WIDTH(8),
    /** An input value lies outside the model's quantised input range. */
    INPUT_OUT_OF_RANGE(9),
    /** An admission rule could not be evaluated (missing field, overflow, ...): refused, never admitted. */
    POLICY_ERROR(10);

    /** The first code admission rules may use. */
    public static final int FIRST_POLICY_CODE = 32;
    /** The last code admission rules may use. */
    public static final int LAST_POLICY_CODE = 65535;

    private final int code;

    Reason(int code) {
        this.code = code;
    }

    /** The number posted on chain. */
    public int code() {
        return code;
    }

    /** The reason with this code, if it is one of the gateway's own. */
    public static Optional<Reason> ofCode(int code) {
        for (Reason r : values()) {
            if (r.code == code) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
