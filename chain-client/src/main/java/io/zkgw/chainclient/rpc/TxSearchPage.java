package io.zkgw.chainclient.rpc;

import java.util.List;

/** One page of tx_search results and the total number of matches. */
public record TxSearchPage(List<TxRecord> txs, int totalCount) {
    public TxSearchPage {
        txs = List.copyOf(txs);
    }
}
