package io.zkgw.chainapp.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Our node init step: runs {@code cometbft init} for a home directory and patches config.toml and
 * genesis.json so that the zkgw ledger's transactions fit (see {@link NodeConfig}).
 */
public final class NodeInit {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeInit() {}

    /** Creates {@code home} with {@code cometbft init} and applies {@code cfg}. */
    public static void init(Path cometbft, Path home, NodeConfig cfg) throws IOException, InterruptedException {
        run(cometbft, List.of("init", "--home", home.toString()), Duration.ofMinutes(1));
        configure(home, cfg);
    }

    /**
     * Creates a testnet of {@code cfgs.size()} validators with {@code cometbft testnet} under {@code out}
     * (homes {@code out/node0}, {@code out/node1}, ...), applies each node's config, gives every node the
     * others as persistent peers (at their {@code p2pListen} addresses), and one identical genesis built
     * from {@code cfgs.get(0)} (chain id, block size, app_state). Returns the homes.
     */
    public static List<Path> testnet(Path cometbft, Path out, List<NodeConfig> cfgs) throws IOException, InterruptedException {
        int n = cfgs.size();
        run(cometbft, List.of("testnet", "--v", Integer.toString(n), "--o", out.toString(),
                "--starting-ip-address", "127.0.0.1", "--populate-persistent-peers=false"), Duration.ofMinutes(1));
        List<Path> homes = new ArrayList<>();
        List<String> peers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path home = out.resolve("node" + i);
            homes.add(home);
            String id = run(cometbft, List.of("show-node-id", "--home", home.toString()), Duration.ofSeconds(30)).trim();
            String hostPort = cfgs.get(i).p2pListen().replaceFirst("^tcp://", "");
            peers.add(id + "@" + hostPort);
        }
        patchGenesis(homes.get(0).resolve("config/genesis.json"), cfgs.get(0));
        byte[] genesis = Files.readAllBytes(homes.get(0).resolve("config/genesis.json"));
        for (int i = 0; i < n; i++) {
            Path home = homes.get(i);
            patchConfig(home.resolve("config/config.toml"), cfgs.get(i));
            List<String> others = new ArrayList<>(peers);
            others.remove(i);
            Path toml = home.resolve("config/config.toml");
            Files.writeString(toml, new TomlPatch(Files.readString(toml, StandardCharsets.UTF_8))
                    .setString("p2p", "persistent_peers", String.join(",", others))
                    .setString("", "moniker", "validator" + i)
                    .toString(), StandardCharsets.UTF_8);
            Files.write(home.resolve("config/genesis.json"), genesis);
        }
        return homes;
    }

    /** Applies {@code cfg} to an existing home (config.toml and genesis.json); idempotent. */
    public static void configure(Path home, NodeConfig cfg) throws IOException {
        patchConfig(home.resolve("config/config.toml"), cfg);
        patchGenesis(home.resolve("config/genesis.json"), cfg);
    }

    static void patchConfig(Path configToml, NodeConfig cfg) throws IOException {
        TomlPatch t = new TomlPatch(Files.readString(configToml, StandardCharsets.UTF_8));
        t.setString("", "proxy_app", cfg.proxyApp())
                .setString("", "abci", "socket")
                .setString("", "log_level", cfg.logLevel())
                .setString("rpc", "laddr", cfg.rpcListen())
                .setInt("rpc", "max_body_bytes", NodeConfig.RPC_MAX_BODY_BYTES)
                .setString("rpc", "timeout_broadcast_tx_commit", "30s")
                .setString("p2p", "laddr", cfg.p2pListen())
                .setInt("p2p", "send_rate", NodeConfig.P2P_RATE)
                .setInt("p2p", "recv_rate", NodeConfig.P2P_RATE)
                .setBool("p2p", "addr_book_strict", false)
                .setBool("p2p", "allow_duplicate_ip", true)
                .setInt("mempool", "max_tx_bytes", NodeConfig.MAX_TX_BYTES)
                .setString("consensus", "timeout_propose", duration(cfg.timeoutPropose()))
                .setString("consensus", "timeout_commit", duration(cfg.timeoutCommit()))
                .setString("tx_index", "indexer", "kv");
        Files.writeString(configToml, t.toString(), StandardCharsets.UTF_8);
    }

    static void patchGenesis(Path genesisJson, NodeConfig cfg) throws IOException {
        ObjectNode g = (ObjectNode) JSON.readTree(genesisJson.toFile());
        if (cfg.chainId() != null) {
            g.put("chain_id", cfg.chainId());
        }
        ObjectNode block = child(child(g, "consensus_params"), "block");
        block.put("max_bytes", Long.toString(NodeConfig.BLOCK_MAX_BYTES));
        if (cfg.appStateJson() != null) {
            JsonNode appState = JSON.readTree(cfg.appStateJson());
            g.set("app_state", appState);
        }
        Files.writeString(genesisJson, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(g), StandardCharsets.UTF_8);
    }

    private static ObjectNode child(ObjectNode parent, String name) {
        JsonNode n = parent.get(name);
        if (n instanceof ObjectNode o) {
            return o;
        }
        return parent.putObject(name);
    }

    /** CometBFT's duration syntax: "150ms", "3s". */
    static String duration(Duration d) {
        return d.toMillis() % 1000 == 0 ? (d.toMillis() / 1000) + "s" : d.toMillis() + "ms";
    }

    /** Runs the cometbft binary with {@code args}; returns its output; throws on a non-zero exit or timeout. */
    public static String run(Path cometbft, List<String> args, Duration timeout) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(cometbft.toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[][] out = new byte[1][];
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                out[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = new byte[0];
            }
        });
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", cmd));
        }
        reader.join(Duration.ofSeconds(5));
        String text = out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited with " + p.exitValue() + ":\n" + text);
        }
        return text;
    }
}
