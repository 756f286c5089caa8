package io.zkgw.chainclient.rpc;

import io.zkgw.chainclient.light.LightBlockProvider;
import io.zkgw.chainclient.types.LightBlock;
import java.io.IOException;

/** Light blocks from a node's RPC: {@code commit} (signed header) and {@code validators} of the same height. */
public final class RpcLightBlockProvider implements LightBlockProvider {
    private final CometRpcClient rpc;

    public RpcLightBlockProvider(CometRpcClient rpc) {
        this.rpc = rpc;
    }

    @Override
    public LightBlock lightBlock(long height) throws IOException, InterruptedException {
        return new LightBlock(rpc.commit(height), rpc.validators(height));
    }

    /**
     * The height of the latest block with a commit: the status height's block may still lack its
     * canonical commit, but the node serves its "seen" commit, which verifies the same way.
     */
    @Override
    public long latestHeight() throws IOException, InterruptedException {
        return rpc.latestHeight();
    }
}
