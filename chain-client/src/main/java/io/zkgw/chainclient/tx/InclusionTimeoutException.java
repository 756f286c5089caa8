package io.zkgw.chainclient.tx;

import com.google.protobuf.ByteString;
import io.zkgw.chainclient.types.Hex;
import java.time.Duration;

/**
 * A tx accepted by CheckTx was not found in a block within the wait. It may still be included later (or
 * be evicted from the mempool): look it up again by hash before re-sending with the same sequence.
 */
public final class InclusionTimeoutException extends Exception {
    private static final long serialVersionUID = 1L;
    private final ByteString txHash;

    public InclusionTimeoutException(ByteString txHash, Duration waited) {
        super("tx " + Hex.upper(txHash) + " not included within " + waited);
        this.txHash = txHash;
    }

    public ByteString txHash() {
        return txHash;
    }
}
