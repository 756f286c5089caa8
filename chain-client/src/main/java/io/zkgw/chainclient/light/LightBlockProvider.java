package io.zkgw.chainclient.light;

import io.zkgw.chainclient.types.LightBlock;
import java.io.IOException;

/** Where the light client gets untrusted light blocks (a full node's RPC). Nothing it returns is trusted. */
public interface LightBlockProvider {
    /** The signed header and validator set at {@code height}. */
    LightBlock lightBlock(long height) throws IOException, InterruptedException;

    /** The latest height the source has a commit for. */
    long latestHeight() throws IOException, InterruptedException;
}
