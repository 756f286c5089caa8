package io.zkgw.chainclient.rpc;

import com.google.protobuf.ByteString;

/** The answer of broadcast_tx_sync: the CheckTx result and the tx hash. */
public record BroadcastResult(int code, String codespace, String log, ByteString data, ByteString hash) {
    public boolean ok() {
        return code == 0;
    }
}
