package io.zkgw.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;

/**
 * A node that lies about one key: an HTTP proxy in front of a real CometBFT node's JSON-RPC that passes every
 * call through, except that the {@code abci_query} answers for the armed key come back with one bit of their
 * value flipped (their state proof no longer verifies). Nothing else is changed; WebSocket upgrades are refused.
 */
public final class TamperingRpcProxy implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(8);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI target;
    private volatile String armedKeyHex;
    private final java.util.concurrent.atomic.AtomicInteger tampered = new java.util.concurrent.atomic.AtomicInteger();

    public TamperingRpcProxy(String targetUrl) throws IOException {
        this.target = URI.create(targetUrl.endsWith("/") ? targetUrl : targetUrl + "/");
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(workers);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on, answers about this key (hex, as abci_query's data) are tampered with; null disarms. */
    public void arm(String keyHex) {
        armedKeyHex = keyHex == null ? null : keyHex.toLowerCase();
    }

    /** How many answers were tampered with. */
    public int tampered() {
        return tampered.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            HttpResponse<byte[]> res;
            try {
                res = http.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ex.sendResponseHeaders(502, -1);
                return;
            }
            byte[] out = res.body();
            String armed = armedKeyHex;
            if (armed != null) {
                JsonNode call = JSON.readTree(body);
                if ("abci_query".equals(call.path("method").asText()) && armed.equalsIgnoreCase(call.path("params").path("data").asText())) {
                    JsonNode answer = JSON.readTree(out);
                    JsonNode response = answer.path("result").path("response");
                    String value = response.path("value").asText("");
                    if (response.isObject() && !value.isEmpty()) {
                        byte[] v = Base64.getDecoder().decode(value);
                        v[v.length / 2] ^= 0x01;
                        ((ObjectNode) response).put("value", Base64.getEncoder().encodeToString(v));
                        out = JSON.writeValueAsBytes(answer);
                        tampered.incrementAndGet();
                    }
                }
            }
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(res.statusCode(), out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
