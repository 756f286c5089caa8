package io.zkgw.chainclient.it;

import io.zkgw.chainapp.it.CometNode;
import io.zkgw.chainclient.rpc.CometRpcClient;
import java.net.URI;
import java.time.Duration;

/** Helpers around chain-app's real-node harness. */
final class Nodes {
    private Nodes() {}

    static CometRpcClient client(CometNode node) {
        return new CometRpcClient(URI.create("http://127.0.0.1:" + node.rpcPort + "/"), Duration.ofSeconds(30));
    }
}
