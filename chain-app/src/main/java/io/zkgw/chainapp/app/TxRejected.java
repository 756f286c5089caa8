package io.zkgw.chainapp.app;

/** A transaction failed with a result code; the log is for humans and not part of consensus. */
final class TxRejected extends Exception {
    private static final long serialVersionUID = 1L;
    private final Code code;

    TxRejected(Code code, String log) {
        super(log, null, false, false);
        this.code = code;
    }

    Code code() {
        return code;
    }
}
