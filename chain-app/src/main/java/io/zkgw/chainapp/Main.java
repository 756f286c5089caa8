package io.zkgw.chainapp;

import io.zkgw.chainapp.abci.AbciServer;
import io.zkgw.chainapp.app.ZkgwApplication;
import io.zkgw.chainapp.node.CometBftBinary;
import io.zkgw.chainapp.node.NodeConfig;
import io.zkgw.chainapp.node.NodeInit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Command line of the ledger application.
 *
 * <pre>
 *   serve --data DIR [--listen tcp://127.0.0.1:26658]
 *       run the ABCI server until SIGTERM/SIGINT
 *   init-node --home DIR --chain-id ID [--proxy-app tcp://127.0.0.1:26658] [--rpc tcp://127.0.0.1:26657]
 *             [--p2p tcp://0.0.0.0:26656] [--app-state FILE.json] [--fast]
 *       run `cometbft init` and write our node configuration
 * </pre>
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            return;
        }
        Map<String, String> opt = options(args);
        switch (args[0]) {
            case "serve" -> serve(opt);
            case "init-node" -> initNode(opt);
            default -> usage();
        }
    }

    private static void serve(Map<String, String> opt) throws Exception {
        Path data = Path.of(required(opt, "data"));
        String listen = opt.getOrDefault("listen", "tcp://127.0.0.1:26658");
        ZkgwApplication app = new ZkgwApplication(data);
        AbciServer server = AbciServer.start(app, listen);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            app.close();
            stop.countDown();
        }, "zkgw-shutdown"));
        System.out.println("zkgw chain app: height " + app.height() + ", listening on " + server.proxyAppAddress());
        stop.await();
    }

    private static void initNode(Map<String, String> opt) throws Exception {
        Path bin = CometBftBinary.find();
        if (bin == null) {
            throw new IllegalStateException("cometbft not found: set COMETBFT_BIN or run .ci/steps/10-cometbft.sh");
        }
        NodeConfig cfg = NodeConfig.defaults(required(opt, "chain-id"),
                opt.getOrDefault("proxy-app", "tcp://127.0.0.1:26658"),
                opt.getOrDefault("rpc", "tcp://127.0.0.1:26657"),
                opt.getOrDefault("p2p", "tcp://0.0.0.0:26656"));
        if (opt.containsKey("app-state")) {
            cfg = cfg.withAppState(Files.readString(Path.of(opt.get("app-state")), StandardCharsets.UTF_8));
        }
        if (opt.containsKey("fast")) {
            cfg = cfg.fast();
        }
        NodeInit.init(bin, Path.of(required(opt, "home")), cfg);
        System.out.println("initialised " + opt.get("home"));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String k = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                m.put(k, args[++i]);
            } else {
                m.put(k, "true");
            }
        }
        return m;
    }

    private static String required(Map<String, String> opt, String k) {
        String v = opt.get(k);
        if (v == null) {
            throw new IllegalArgumentException("--" + k + " is required");
        }
        return v;
    }

    private static void usage() {
        System.out.println("""
                usage:
                  serve --data DIR [--listen tcp://127.0.0.1:26658]
                  init-node --home DIR --chain-id ID [--proxy-app ADDR] [--rpc ADDR] [--p2p ADDR] [--app-state FILE] [--fast]""");
    }
}
