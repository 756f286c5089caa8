package io.zkgw.chainapp.it;

import io.zkgw.chainapp.abci.AbciServer;
import io.zkgw.chainapp.app.ZkgwApplication;
import io.zkgw.chainapp.node.CometBftBinary;
import io.zkgw.chainapp.node.LocalLedger;
import io.zkgw.chainapp.node.NodeConfig;
import io.zkgw.chainapp.node.NodeInit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One real CometBFT v0.38 validator on loopback, running our application in this JVM behind the ABCI
 * socket server. Ports are chosen at runtime, the home is a temp directory, waits are bounded, and
 * {@link #close()} kills the process.
 */
public final class CometNode implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    public final Path home;
    public final Path appData;
    public final int rpcPort;
    public final int appPort;
    private Process process;
    private AbciServer server;
    public ZkgwApplication app;
    public final CometRpc rpc;

    /** Initialises a home for a single validator with {@code appState} in its genesis. */
    public static CometNode create(Path dir, String chainId, String appState) throws IOException, InterruptedException {
        Path home = dir.resolve("cometbft");
        int[] ports = freePorts(3);
        int rpc = ports[0];
        int p2p = ports[1];
        int app = ports[2];
        NodeConfig cfg = NodeConfig.defaults(chainId, "tcp://127.0.0.1:" + app, "tcp://127.0.0.1:" + rpc,
                "tcp://127.0.0.1:" + p2p).fast().withAppState(appState);
        NodeInit.init(binary(), home, cfg);
        return new CometNode(home, dir.resolve("app"), rpc, app);
    }

    /**
     * An {@code n}-validator network from {@code cometbft testnet} on loopback, each validator with its own
     * application instance, all launched and past their first block. 200 ms blocks with a 2 s propose
     * timeout, so that a loaded CI machine does not stall rounds.
     */
    public static List<CometNode> testnet(Path dir, String chainId, String appState, int n)
            throws IOException, InterruptedException {
        int[] free = freePorts(3 * n);
        List<NodeConfig> cfgs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cfgs.add(new NodeConfig(chainId, "tcp://127.0.0.1:" + free[3 * i + 2], "tcp://127.0.0.1:" + free[3 * i],
                    "tcp://127.0.0.1:" + free[3 * i + 1], Duration.ofSeconds(2), Duration.ofMillis(200), appState, "info"));
        }
        List<Path> homes = NodeInit.testnet(binary(), dir.resolve("net"), cfgs);
        List<CometNode> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(new CometNode(homes.get(i), dir.resolve("app" + i), free[3 * i], free[3 * i + 2]));
        }
        for (CometNode node : nodes) {
            node.launch();
        }
        for (CometNode node : nodes) {
            node.awaitBlockAbove(1);
        }
        return nodes;
    }

    /** A node for an existing, configured home whose app listens on {@code appPort}. */
    public CometNode(Path home, Path appData, int rpcPort, int appPort) {
        this.home = home;
        this.appData = appData;
        this.rpcPort = rpcPort;
        this.appPort = appPort;
        this.rpc = new CometRpc(rpcPort);
    }

    /** Starts the application (from {@code appData}) and the node; returns once a block is committed. */
    public void start() throws IOException, InterruptedException {
        launch();
        awaitBlockAbove(app.height());
    }

    /** Starts the application and the node process without waiting. */
    public void launch() throws IOException, InterruptedException {
        app = new ZkgwApplication(appData);
        server = AbciServer.start(app, "tcp://127.0.0.1:" + appPort);
        Path log = home.resolve("cometbft.log");
        process = new ProcessBuilder(binary().toString(), "start", "--home", home.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /** Waits (bounded) until this node's RPC reports a height above {@code startHeight}. */
    public void awaitBlockAbove(long startHeight) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("cometbft exited with " + process.exitValue() + "\n" + logTail());
            }
            try {
                if (rpc.latestHeight() > startHeight) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("cometbft did not commit a block within " + START_TIMEOUT + "\n" + logTail());
            }
            Thread.sleep(100);
        }
    }

    /** Waits (bounded) until the chain's height is at least {@code h}. */
    public void awaitHeight(long h, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (rpc.latestHeight() >= h) {
                    return;
                }
            } catch (IOException e) {
                // RPC not (yet) listening, e.g. right after a restart
            }
            if (process != null && !process.isAlive()) {
                throw new IOException("cometbft exited with " + process.exitValue() + "\n" + logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("height " + h + " not reached within " + timeout + "\n" + logTail());
            }
            Thread.sleep(50);
        }
    }

    /** Stops the node (SIGTERM, then SIGKILL after 15 s) and the application. */
    public void stop() {
        if (process != null) {
            LocalLedger.stop(process);
            process = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
        if (app != null) {
            app.close();
            app = null;
        }
    }

    /** The last line of the node's log containing {@code text} ("" when none). */
    public String lastLogLine(String text) throws IOException {
        List<String> lines = Files.readAllLines(home.resolve("cometbft.log"), StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(text)) {
                return lines.get(i);
            }
        }
        return "";
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(home.resolve("cometbft.log"), StandardCharsets.UTF_8);
            return "--- cometbft.log (tail) ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no cometbft log)";
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * {@code n} distinct free loopback ports: all sockets are held open while the ports are collected
     * (binding port 0 repeatedly can return the same port once it is closed again).
     */
    public static int[] freePorts(int n) throws IOException {
        return io.zkgw.chainapp.node.LocalLedger.freePorts(n);
    }

    private static Path cached;

    /**
     * The cometbft binary (COMETBFT_BIN, GOPATH/bin, PATH). When missing and Go is available, installs the
     * pinned version with {@code go install}, as .ci/steps/10-cometbft.sh does.
     */
    public static synchronized Path binary() throws IOException, InterruptedException {
        if (cached != null) {
            return cached;
        }
        Path p = CometBftBinary.find();
        if (p == null) {
            Path go = CometBftBinary.go();
            String version = System.getenv().getOrDefault("ZKGW_COMETBFT_VERSION", "v0.38.26");
            if (go == null) {
                throw new IllegalStateException("cometbft not found and no Go toolchain to build it: run .ci/steps/10-cometbft.sh");
            }
            Process install = new ProcessBuilder(go.toString(), "install", "github.com/cometbft/cometbft/cmd/cometbft@" + version)
                    .inheritIO().start();
            if (!install.waitFor(20, TimeUnit.MINUTES) || install.exitValue() != 0) {
                install.destroyForcibly();
                throw new IllegalStateException("go install of cometbft " + version + " failed");
            }
            p = CometBftBinary.find();
            if (p == null) {
                throw new IllegalStateException("cometbft still not found after go install");
            }
        }
        cached = p;
        return p;
    }
}
