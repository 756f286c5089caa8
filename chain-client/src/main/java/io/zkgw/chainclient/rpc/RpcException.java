package io.zkgw.chainclient.rpc;

import java.io.IOException;

/** The node answered a JSON-RPC call with an error object (or with something that is not JSON-RPC). */
public class RpcException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String method;
    private final int code;
    private final String data;

    public RpcException(String method, int code, String message, String data) {
        super(method + ": JSON-RPC error " + code + " " + message + (data == null || data.isEmpty() ? "" : ": " + data));
        this.method = method;
        this.code = code;
        this.data = data == null ? "" : data;
    }

    public String method() {
        return method;
    }

    /** The JSON-RPC error code (-32603 for CometBFT's internal errors, -32602 for bad params, ...). */
    public int code() {
        return code;
    }

    /** CometBFT's detail text (for example "tx already exists in cache"). */
    public String data() {
        return data;
    }
}
