package io.zkgw.chainclient.tx;

import com.google.protobuf.ByteString;
import io.zkgw.chainclient.rpc.BroadcastResult;
import io.zkgw.chainclient.rpc.CometRpcClient;
import io.zkgw.chainclient.rpc.RpcException;
import io.zkgw.chainclient.rpc.TxRecord;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends signed transactions: {@link #submit} returns after CheckTx; {@link #submitAndWait} then waits
 * until the tx is in a committed block, by looking it up by hash (the node's tx index), and reports its
 * result. Refusals become {@link TxRejectedException}s that name the ledger's code.
 */
public final class TxBroadcaster {
    private static final Duration POLL = Duration.ofMillis(100);
    private final CometRpcClient rpc;

    public TxBroadcaster(CometRpcClient rpc) {
        this.rpc = rpc;
    }

    /** broadcast_tx_sync; returns the CheckTx result when the mempool admitted the tx. */
    public BroadcastResult submit(SignedTx tx) throws TxRejectedException, IOException, InterruptedException {
        BroadcastResult r;
        try {
            r = rpc.broadcastTxSync(tx.bytes().toByteArray());
        } catch (RpcException e) {
            // CometBFT answers some refusals (cache hit, mempool full, tx too large) with an RPC error
            throw new TxRejectedException(TxRejectedException.Stage.MEMPOOL, tx.hash(), 0, "",
                    e.data().isEmpty() ? e.getMessage() : e.data(), 0);
        }
        if (!r.ok()) {
            throw new TxRejectedException(TxRejectedException.Stage.CHECK_TX, tx.hash(), r.code(), r.codespace(), r.log(), 0);
        }
        return r;
    }

    /**
     * Submits and waits (bounded) until the tx is in a block; returns it with its result, or throws
     * {@link TxRejectedException} (refused by CheckTx, or included with a non-zero code) or
     * {@link InclusionTimeoutException}.
     */
    public TxRecord submitAndWait(SignedTx tx, Duration timeout)
            throws TxRejectedException, InclusionTimeoutException, IOException, InterruptedException {
        submit(tx);
        return awaitInclusion(tx.hash(), timeout);
    }

    /** Waits (bounded) until the tx with this hash is found in a block; checks its result code. */
    public TxRecord awaitInclusion(ByteString txHash, Duration timeout)
            throws TxRejectedException, InclusionTimeoutException, IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<TxRecord> found = lookup(txHash);
            if (found.isPresent()) {
                TxRecord t = found.get();
                if (!t.result().ok()) {
                    throw new TxRejectedException(TxRejectedException.Stage.FINALIZE_BLOCK, txHash, t.result().code(),
                            t.result().codespace(), t.result().log(), t.height());
                }
                return t;
            }
            if (System.nanoTime() > deadline) {
                throw new InclusionTimeoutException(txHash, timeout);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** The included tx with this hash, or empty while the node does not know it (not yet in an indexed block). */
    public Optional<TxRecord> lookup(ByteString txHash) throws IOException, InterruptedException {
        try {
            return Optional.of(rpc.tx(txHash, false));
        } catch (RpcException e) {
            if (e.data().contains("not found")) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
