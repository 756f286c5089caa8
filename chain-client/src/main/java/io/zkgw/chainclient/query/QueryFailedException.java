package io.zkgw.chainclient.query;

import io.zkgw.chainclient.tx.ResultCodes;

/** abci_query answered with a non-zero code (unknown path, bad data, a height that cannot be queried). */
public final class QueryFailedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int code;

    public QueryFailedException(String path, int code, String codespace, String log) {
        super("query " + path + " failed: " + ResultCodes.describe(codespace, code, log));
        this.code = code;
    }

    public int code() {
        return code;
    }
}
