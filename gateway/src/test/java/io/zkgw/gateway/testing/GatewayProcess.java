package io.zkgw.gateway.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkgw.chainapp.proto.Provider;
import io.zkgw.chainclient.query.LedgerPaths;
import io.zkgw.chainclient.query.LedgerQueries;
import io.zkgw.chainclient.rpc.CometRpcClient;
import io.zkgw.envelope.KeyFiles;
import io.zkgw.envelope.SigningKey;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The packaged gateway as a process against a real ledger node, provisioned with the breast-cancer MLP and
 * its dataset: what GatewayProcessIT and the throughput bench (bench/GatewayThroughputBench) both start.
 */
public final class GatewayProcess {
    private static final HexFormat HEX = HexFormat.of();

    private GatewayProcess() {}

    /**
     * Writes the provider's signing key and a provisioning file (provider key, dataset "bc", model "bc-mlp"
     * at {@code price}) under {@code dir}, and returns the gateway properties every such run shares: data
     * dir, provisioning, ledger RPC, chain id, trust anchor (block 1), signing key, 1 s sync, policies, no
     * OIDC tenant (the admin API stays closed). Callers add their own (database, port, worker settings).
     */
    public static Map<String, String> provision(Path dir, int rpcPort, String chainId, SigningKey provider, long price)
            throws Exception {
        Path key = dir.resolve("provider-signing.key");
        KeyFiles.write(key, provider);
        String anchor;
        try (CometRpcClient rpc = rpc(rpcPort)) {
            anchor = "1:" + HEX.formatHex(rpc.commit(1).header().hash().toByteArray());
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode prov = json.createObjectNode().put("providerKey", true);
        prov.putArray("datasets").addObject().put("name", "bc").put("path", Fixtures.file("breast_cancer_calib.csv").toString());
        ObjectNode m = prov.putArray("models").addObject();
        m.put("name", "bc-mlp").put("onnx", Fixtures.file("bc_mlp.onnx").toString())
                .put("calibration", Fixtures.file("breast_cancer_calib.csv").toString()).put("dataset", "bc").put("price", price);
        m.putArray("labels").add("malignant").add("benign");
        Path provisioning = dir.resolve("provisioning.json");
        Files.writeString(provisioning, json.writeValueAsString(prov));

        Map<String, String> props = new TreeMap<>();
        props.put("zkgw.data-dir", dir.resolve("gateway").toString());
        props.put("zkgw.provisioning.file", provisioning.toString());
        props.put("zkgw.chain.rpc-url", "http://127.0.0.1:" + rpcPort);
        props.put("zkgw.chain.chain-id", chainId);
        props.put("zkgw.chain.trust-anchor", anchor);
        props.put("zkgw.chain.signing-key-file", key.toString());
        props.put("zkgw.chain.sync-interval", "1s");
        props.put("zkgw.policy.dir", Path.of("../policies").toAbsolutePath().normalize().toString());
        props.put("quarkus.oidc.tenant-enabled", "false");
        return props;
    }

    /** {@code java [jvm args] -Dk=v… -jar jar}, with this JVM's java. */
    public static List<String> command(Map<String, String> props, List<String> jvmArgs, Path jar) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(jvmArgs);
        props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        return cmd;
    }

    /** The ledger id of the provider's first committed model (lower-case hex), once CommitModel is in a block. */
    public static String awaitModelCommitted(int rpcPort, String providerHex, Process gateway, Path log, Duration timeout)
            throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        try (CometRpcClient rpc = rpc(rpcPort)) {
            while (System.nanoTime() < end) {
                var page = rpc.txSearch("model_committed.provider='" + providerHex + "'", 1, 10);
                var id = page.txs().stream().findFirst().flatMap(t -> t.result().attribute("model_committed", "model_id"));
                if (id.isPresent()) {
                    return id.get().toLowerCase(Locale.ROOT);
                }
                if (!gateway.isAlive()) {
                    throw new AssertionError("gateway exited; log " + log);
                }
                Thread.sleep(300);
            }
        }
        throw new AssertionError("the gateway did not commit its model; log " + log);
    }

    /** The provider's registered HPKE key, as clinicians read it from the ledger. */
    public static byte[] providerHpkeKey(int rpcPort, byte[] providerAddress) throws Exception {
        try (CometRpcClient rpc = rpc(rpcPort)) {
            return Provider.parseFrom(new LedgerQueries(rpc).read(LedgerPaths.PROVIDER, providerAddress, false).value())
                    .getHpkePublicKey().toByteArray();
        }
    }

    /** The gateway's stored .zkm of its (only) model. */
    public static Path zkm(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("gateway/models"))) {
            return s.filter(p -> p.toString().endsWith(".zkm")).findFirst().orElseThrow();
        }
    }

    private static CometRpcClient rpc(int port) {
        return new CometRpcClient(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(20));
    }
}
