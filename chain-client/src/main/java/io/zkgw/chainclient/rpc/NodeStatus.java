package io.zkgw.chainclient.rpc;

import com.google.protobuf.ByteString;
import java.time.Instant;

/** From the status RPC: the node's chain id, its latest block and whether it is still catching up. */
public record NodeStatus(String chainId, long latestHeight, ByteString latestBlockHash, Instant latestBlockTime, boolean catchingUp) {}
