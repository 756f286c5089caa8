package io.zkgw.gateway.testing;

import java.util.HashMap;
import java.util.Map;

/** {@link LedgerTestResource}'s node, with the gateway pointed at it through a {@link TamperingRpcProxy}. */
public class TamperedLedgerResource extends LedgerTestResource {
    public static volatile TamperingRpcProxy proxy;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        try {
            proxy = new TamperingRpcProxy(rpcUrl);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot start the tampering proxy: " + e, e);
        }
        config.put("zkgw.chain.rpc-url", proxy.url());
        return config;
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
        super.stop();
    }
}
