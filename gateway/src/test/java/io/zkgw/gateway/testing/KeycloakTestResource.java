package io.zkgw.gateway.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak for the tests: the keycloak-quarkus-dist zip from Maven Central (unpacked by the
 * build), started with {@code kc.sh start-dev} on free loopback ports with an in-memory database and
 * our realm (src/test/resources/keycloak/zkgw-realm.json). The client secret and the users' passwords
 * are generated here for this run only, so no secret is committed. Stopped (process tree) at the end.
 */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String REALM = "zkgw";
    public static final String CLIENT_ID = "zkgw-gateway";
    /** User per role; "norole-user" has none of the gateway's roles. */
    public static final Map<String, String> USER_BY_ROLE = Map.of(
            "hospital-admin", "admin-user", "data-steward", "steward-user", "auditor", "auditor-user", "none", "norole-user");

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where tests reach the running server (set by {@link #start}). */
    static volatile String baseUrl;
    static volatile String clientSecret;
    static final Map<String, String> PASSWORDS = new HashMap<>();

    private Process process;

    @Override
    public Map<String, String> start() {
        Path dist = Path.of(System.getProperty("zkgw-test.keycloak.dist", "target/keycloak-dist/keycloak"));
        Path kc = dist.resolve("bin/kc.sh");
        if (!Files.isExecutable(kc)) {
            throw new IllegalStateException("Keycloak distribution not found at " + dist
                    + " (the build unpacks org.keycloak:keycloak-quarkus-dist there; run the tests through Maven)");
        }
        int httpPort = freePort();
        int mgmtPort = freePort();
        clientSecret = secret();
        for (String user : USER_BY_ROLE.values()) {
            PASSWORDS.put(user, secret());
        }
        writeRealm(dist.resolve("data/import/zkgw-realm.json"));
        Path log = Path.of("target/keycloak.log").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(kc.toString(), "start-dev", "--http-host=127.0.0.1",
                "--http-port=" + httpPort, "--http-management-port=" + mgmtPort, "--db=dev-mem", "--import-realm",
                "--health-enabled=true", "--cache=local")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // the JDK running the tests (Java 25) runs Keycloak too
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("KC_BOOTSTRAP_ADMIN_USERNAME");
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + kc + ": " + e.getMessage(), e);
        }
        baseUrl = "http://127.0.0.1:" + httpPort;
        // the first start of a freshly unpacked distribution also builds it (minutes on a loaded 2-core machine)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.getLong("zkgw-test.keycloak.start-timeout-s", 900));
        String discovery = baseUrl + "/realms/" + REALM + "/.well-known/openid-configuration";
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with code " + process.exitValue() + " during start; see " + log);
            }
            if (get("http://127.0.0.1:" + mgmtPort + "/health/ready") == 200 && get(discovery) == 200) {
                break;
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IllegalStateException("Keycloak not ready at " + discovery + " in time; see " + log);
            }
            sleep(1000);
        }
        return Map.of("quarkus.oidc.auth-server-url", baseUrl + "/realms/" + REALM,
                "quarkus.oidc.client-id", CLIENT_ID,
                "quarkus.oidc.credentials.secret", clientSecret);
    }

    @Override
    public void stop() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    private static void writeRealm(Path target) {
        try (InputStream in = KeycloakTestResource.class.getResourceAsStream("/keycloak/zkgw-realm.json")) {
            String realm = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${CLIENT_SECRET}", clientSecret)
                    .replace("${PASSWORD_ADMIN}", PASSWORDS.get("admin-user"))
                    .replace("${PASSWORD_STEWARD}", PASSWORDS.get("steward-user"))
                    .replace("${PASSWORD_AUDITOR}", PASSWORDS.get("auditor-user"))
                    .replace("${PASSWORD_NOROLE}", PASSWORDS.get("norole-user"));
            Files.createDirectories(target.getParent());
            Files.writeString(target, realm);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test realm to " + target + ": " + e.getMessage(), e);
        }
    }

    private static String secret() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static int get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Keycloak");
        }
    }
}
