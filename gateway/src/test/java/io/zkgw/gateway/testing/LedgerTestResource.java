package io.zkgw.gateway.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zkgw.chainapp.app.Genesis;
import io.zkgw.chainapp.it.CometNode;
import io.zkgw.chainclient.rpc.CometRpcClient;
import io.zkgw.envelope.KeyFiles;
import io.zkgw.envelope.SigningKey;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real single-validator CometBFT node running the chain app (chain-app's test harness), with the
 * hospital's provider account and a clinician account funded in genesis. The gateway is pointed at it:
 * RPC, chain id, a trust anchor read from the node at height 1, and the provider's signing key file.
 */
public class LedgerTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String CHAIN_ID = "zkgw-test";
    public static final long START_BALANCE = 1_000_000;

    public static volatile CometNode node;
    public static volatile SigningKey provider;
    /** Clinician account seeds (chain-client's TxSigner takes the seed). */
    public static volatile byte[] clinicianSeed;
    public static volatile byte[] clinician2Seed;
    public static volatile String rpcUrl;

    @Override
    public Map<String, String> start() {
        try {
            SecureRandom random = new SecureRandom();
            Path dir = Files.createTempDirectory("zkgw-gw-ledger");
            provider = SigningKey.generate(random);
            clinicianSeed = new byte[32];
            clinician2Seed = new byte[32];
            random.nextBytes(clinicianSeed);
            random.nextBytes(clinician2Seed);
            SigningKey clinician = SigningKey.fromSeed(clinicianSeed);
            SigningKey clinician2 = SigningKey.fromSeed(clinician2Seed);
            Path keyFile = dir.resolve("provider-signing.key");
            KeyFiles.write(keyFile, provider);
            HexFormat hex = HexFormat.of();
            Map<String, Long> balances = new LinkedHashMap<>();
            for (byte[] address : new byte[][] {provider.address(), clinician.address(), clinician2.address()}) {
                balances.put(hex.formatHex(address), START_BALANCE);
            }
            String appState = Genesis.appStateJson(1, 1000, balances);
            node = CometNode.create(dir, CHAIN_ID, appState);
            node.start();
            rpcUrl = "http://127.0.0.1:" + node.rpcPort;
            String anchor;
            try (CometRpcClient rpc = new CometRpcClient(URI.create(rpcUrl))) {
                anchor = "1:" + hex.formatHex(rpc.commit(1).header().hash().toByteArray());
            }
            // a data dir of its own: the database is cleaned when this test's application starts, and key
            // files left by other test classes in a shared dir would not match it
            return Map.of(
                    "zkgw.data-dir", dir.resolve("gateway-data").toString(),
                    "zkgw.chain.rpc-url", rpcUrl,
                    "zkgw.chain.chain-id", CHAIN_ID,
                    "zkgw.chain.trust-anchor", anchor,
                    "zkgw.chain.signing-key-file", keyFile.toString(),
                    "zkgw.chain.sync-interval", "1s");
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test ledger: " + e, e);
        }
    }

    @Override
    public void stop() {
        if (node != null) {
            node.close();
            node = null;
        }
    }
}
