package io.zkgw.chainapp.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Finds the CometBFT binary: {@code $COMETBFT_BIN}, else {@code $(go env GOPATH)/bin/cometbft}, else
 * {@code cometbft} on the PATH. The CI step .ci/steps/10-cometbft.sh installs it there.
 */
public final class CometBftBinary {
    private CometBftBinary() {}

    /** The binary, or null when none is found. */
    public static Path find() {
        String env = System.getenv("COMETBFT_BIN");
        if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env))) {
            return Path.of(env);
        }
        String gopath = goEnv("GOPATH");
        if (gopath != null) {
            for (String dir : gopath.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, "bin", "cometbft");
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        Path home = Path.of(System.getProperty("user.home"), "go", "bin", "cometbft");
        if (Files.isExecutable(home)) {
            return home;
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, "cometbft");
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** The Go toolchain binary, or null. */
    public static Path go() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, "go");
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        Path local = Path.of("/usr/local/go/bin/go");
        return Files.isExecutable(local) ? local : null;
    }

    private static String goEnv(String name) {
        Path go = go();
        if (go == null) {
            return null;
        }
        try {
            Process p = new ProcessBuilder(go.toString(), "env", name).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
                p.destroyForcibly();
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
