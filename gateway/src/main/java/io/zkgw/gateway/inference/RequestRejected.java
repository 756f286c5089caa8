package io.zkgw.gateway.inference;

/**
 * A request the gateway refuses, with the reason code that goes on the ledger (envelope/'s Reason codes,
 * or a policy rule's code) and a name for logs and metrics. The detail never holds a request value.
 */
public final class RequestRejected extends RuntimeException {
    private final int code;
    private final String reason;

    public RequestRejected(int code, String reason, String detail) {
        super(detail);
        this.code = code;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    /** e.g. COMMITMENT_MISMATCH, or policy:minimum-fee. */
    public String reason() {
        return reason;
    }
}
