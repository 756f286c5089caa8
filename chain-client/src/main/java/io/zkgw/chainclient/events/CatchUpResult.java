package io.zkgw.chainclient.events;

import io.zkgw.chainclient.rpc.TxRecord;
import java.util.List;

/**
 * The transactions found by a catch-up, oldest first, and the new cursor: every matching tx at a height
 * up to and including {@code cursor} has now been returned (by this or an earlier call).
 */
public record CatchUpResult(List<TxRecord> txs, long cursor) {
    public CatchUpResult {
        txs = List.copyOf(txs);
    }
}
