package io.zkgw.chainapp.node;

import io.zkgw.chainapp.abci.AbciServer;
import io.zkgw.chainapp.app.ZkgwApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single-validator ledger on this machine: the chain app in this process (ABCI over a loopback socket)
 * and a CometBFT node as a child process, on free loopback ports, in {@code dir}. For the demo and for
 * trying the system out; a hospital runs its validators as described in docs/operations.md.
 */
public final class LocalLedger implements AutoCloseable {
    private static final Pattern HEIGHT = Pattern.compile("\"latest_block_height\"\\s*:\\s*\"(\\d+)\"");

    private final Path home;
    private final int rpcPort;
    private final ZkgwApplication app;
    private final AbciServer server;
    private final Process process;

    private LocalLedger(Path home, int rpcPort, ZkgwApplication app, AbciServer server, Process process) {
        this.home = home;
        this.rpcPort = rpcPort;
        this.app = app;
        this.server = server;
        this.process = process;
    }

    /** Initialises a fresh node in {@code dir} with {@code appState} in its genesis, starts it, waits for block 2. */
    public static LocalLedger start(Path dir, String chainId, String appState, Duration timeout)
            throws IOException, InterruptedException {
        Path bin = CometBftBinary.find();
        if (bin == null) {
            throw new IOException("cometbft not found: set COMETBFT_BIN, or install it with "
                    + "`go install github.com/cometbft/cometbft/cmd/cometbft@v0.38.26` (./zkgw demo does this when Go is present)");
        }
        int[] ports = freePorts(3);
        Path home = dir.resolve("cometbft");
        NodeConfig cfg = NodeConfig.defaults(chainId, "tcp://127.0.0.1:" + ports[2], "tcp://127.0.0.1:" + ports[0],
                "tcp://127.0.0.1:" + ports[1]).fast().withAppState(appState);
        NodeInit.init(bin, home, cfg);
        ZkgwApplication app = new ZkgwApplication(dir.resolve("app"));
        AbciServer server = AbciServer.start(app, "tcp://127.0.0.1:" + ports[2]);
        Process p = new ProcessBuilder(bin.toString(), "start", "--home", home.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("cometbft.log").toFile()))
                .start();
        LocalLedger ledger = new LocalLedger(home, ports[0], app, server, p);
        try {
            ledger.awaitHeight(2, timeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            ledger.close();
            throw e;
        }
        return ledger;
    }

    public String rpcUrl() {
        return "http://127.0.0.1:" + rpcPort;
    }

    public Path home() {
        return home;
    }

    /** Waits (bounded) until the node reports at least height {@code h}. */
    public void awaitHeight(long h, Duration timeout) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("cometbft exited with " + process.exitValue() + "; log: " + home.resolve("cometbft.log"));
            }
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create(rpcUrl() + "/status")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
                Matcher m = HEIGHT.matcher(body);
                if (m.find() && Long.parseLong(m.group(1)) >= h) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > end) {
                throw new IOException("the local ledger did not reach height " + h + " within " + timeout + "; log: "
                        + home.resolve("cometbft.log"));
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        stop(process);
        server.close();
        app.close();
    }

    /** {@code n} distinct free loopback ports (all held open while collected, so none repeats). */
    public static int[] freePorts(int n) throws IOException {
        ServerSocket[] sockets = new ServerSocket[n];
        int[] ports = new int[n];
        try {
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    s.close();
                }
            }
        }
        return ports;
    }

    /** The lines of the node's log (for diagnostics). */
    public List<String> log() throws IOException {
        return Files.readAllLines(home.resolve("cometbft.log"), StandardCharsets.UTF_8);
    }

    /** Stops a cometbft process: SIGTERM, then SIGKILL after 15 s. */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
