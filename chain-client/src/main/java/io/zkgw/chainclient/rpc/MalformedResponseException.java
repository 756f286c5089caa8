package io.zkgw.chainclient.rpc;

import java.io.IOException;

/** A JSON-RPC result lacks a field or has one in an unexpected form. */
public final class MalformedResponseException extends IOException {
    private static final long serialVersionUID = 1L;

    public MalformedResponseException(String message) {
        super(message);
    }

    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
