package io.zkgw.chainapp.node;

import io.zkgw.chainapp.app.Limits;
import java.time.Duration;

/**
 * The CometBFT settings our init step writes (docs/chain.md, "Node configuration").
 *
 * @param chainId the chain id (signatures are bound to it)
 * @param proxyApp where the ABCI application listens, e.g. {@code tcp://127.0.0.1:26658}
 * @param rpcListen CometBFT's RPC listen address, e.g. {@code tcp://127.0.0.1:26657}
 * @param p2pListen CometBFT's P2P listen address
 * @param timeoutPropose consensus timeout_propose
 * @param timeoutCommit consensus timeout_commit (sets the block interval)
 * @param appStateJson the genesis app_state (see {@code Genesis}), or null for none
 * @param logLevel CometBFT log level ("info", "error", ...)
 */
public record NodeConfig(
        String chainId,
        String proxyApp,
        String rpcListen,
        String p2pListen,
        Duration timeoutPropose,
        Duration timeoutCommit,
        String appStateJson,
        String logLevel) {

    /** mempool.max_tx_bytes: the application's own limit, so that a proof-carrying tx always fits. */
    public static final long MAX_TX_BYTES = Limits.MAX_TX_BYTES;
    /** consensus_params.block.max_bytes in genesis: room for several maximum-size transactions. */
    public static final long BLOCK_MAX_BYTES = 4 * MAX_TX_BYTES;
    /** rpc.max_body_bytes: a maximum-size tx base64-encoded in a JSON-RPC body, with room to spare. */
    public static final long RPC_MAX_BODY_BYTES = 2 * MAX_TX_BYTES;
    /** p2p send/recv rate (bytes/s): CometBFT's 5 MB/s default would make large blocks slow to gossip. */
    public static final long P2P_RATE = 64L << 20;

    /** Production-like defaults: one-second blocks. */
    public static NodeConfig defaults(String chainId, String proxyApp, String rpcListen, String p2pListen) {
        return new NodeConfig(chainId, proxyApp, rpcListen, p2pListen, Duration.ofSeconds(3), Duration.ofSeconds(1),
                null, "info");
    }

    /** Fast blocks for tests. */
    public NodeConfig fast() {
        return new NodeConfig(chainId, proxyApp, rpcListen, p2pListen, Duration.ofMillis(1000), Duration.ofMillis(100),
                appStateJson, logLevel);
    }

    public NodeConfig withAppState(String json) {
        return new NodeConfig(chainId, proxyApp, rpcListen, p2pListen, timeoutPropose, timeoutCommit, json, logLevel);
    }

    public NodeConfig withLogLevel(String level) {
        return new NodeConfig(chainId, proxyApp, rpcListen, p2pListen, timeoutPropose, timeoutCommit, appStateJson, level);
    }
}
