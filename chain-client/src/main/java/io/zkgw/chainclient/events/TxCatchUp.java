package io.zkgw.chainclient.events;

import io.zkgw.chainclient.rpc.CometRpcClient;
import io.zkgw.chainclient.rpc.MalformedResponseException;
import io.zkgw.chainclient.rpc.TxRecord;
import io.zkgw.chainclient.rpc.TxSearchPage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the transactions a consumer missed (while disconnected or down) with tx_search, page by page.
 *
 * <p>The cursor is a height, persisted by the caller: all matching txs at heights ≤ cursor have been
 * seen. A catch-up searches (cursor, safe] where {@code safe} is a height the node has certainly indexed.
 * CometBFT indexes asynchronously after executing a block, writing the block's index entry and then
 * its txs, block after block; so once block h is in the block index, every tx of heights below h is in
 * the tx index. safe = (highest block-indexed height) − 1. Without this bound a catch-up could move the
 * cursor past a block whose txs were not indexed yet, and lose them.
 */
public final class TxCatchUp {
    /** How far below the status height to look for the highest indexed block. */
    static final int INDEX_PROBE_DEPTH = 8;

    private final CometRpcClient rpc;
    private final int perPage;

    public TxCatchUp(CometRpcClient rpc) {
        this(rpc, CometRpcClient.MAX_PER_PAGE);
    }

    public TxCatchUp(CometRpcClient rpc, int perPage) {
        if (perPage < 1 || perPage > CometRpcClient.MAX_PER_PAGE) {
            throw new IllegalArgumentException("per page must be 1.." + CometRpcClient.MAX_PER_PAGE);
        }
        this.rpc = rpc;
        this.perPage = perPage;
    }

    /** Every tx matching {@code query} at heights after {@code cursor}, up to what the node has indexed. */
    public CatchUpResult since(TxQuery query, long cursor) throws IOException, InterruptedException {
        long safe = safeHeight(cursor);
        if (safe <= cursor) {
            return new CatchUpResult(List.of(), cursor);
        }
        String q = query.forSearch(cursor, safe);
        List<TxRecord> found = new ArrayList<>();
        for (int page = 1; ; page++) {
            TxSearchPage p = rpc.txSearch(q, page, perPage);
            found.addAll(p.txs());
            if (found.size() >= p.totalCount()) {
                break;
            }
            if (p.txs().isEmpty()) {
                throw new MalformedResponseException("tx_search: page " + page + " empty before " + p.totalCount() + " results");
            }
        }
        return new CatchUpResult(found, safe);
    }

    /** The highest height whose txs are all indexed (see the class comment); at least {@code floor}. */
    long safeHeight(long floor) throws IOException, InterruptedException {
        long latest = rpc.latestHeight();
        for (long h = latest; h > floor && h > latest - INDEX_PROBE_DEPTH; h--) {
            if (rpc.blockIndexed(h)) {
                return h - 1;
            }
        }
        return floor; // the indexer is far behind: nothing is safe to claim yet
    }
}
