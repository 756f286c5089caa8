package io.zkgw.chainapp.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/** Minimal CometBFT JSON-RPC client over HTTP (java.net.http), for the integration tests. */
public final class CometRpc {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong ids = new AtomicLong();

    public CometRpc(int port) {
        this.endpoint = URI.create("http://127.0.0.1:" + port + "/");
    }

    /** A JSON-RPC error (the node answered, but with an error object). */
    public static final class RpcError extends IOException {
        private static final long serialVersionUID = 1L;

        RpcError(String msg) {
            super(msg);
        }
    }

    public static ObjectNode params() {
        return JSON.createObjectNode();
    }

    /** Calls {@code method}; returns the "result" object; throws RpcError on a JSON-RPC error. */
    public JsonNode call(String method, ObjectNode params, Duration timeout) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("jsonrpc", "2.0");
        body.put("id", ids.incrementAndGet());
        body.put("method", method);
        body.set("params", params);
        HttpRequest req = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
        HttpResponse<byte[]> res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode json;
        try {
            json = JSON.readTree(res.body());
        } catch (IOException e) {
            throw new IOException("HTTP " + res.statusCode() + ": " + new String(res.body(), java.nio.charset.StandardCharsets.UTF_8), e);
        }
        if (json.hasNonNull("error")) {
            throw new RpcError(method + ": " + json.get("error"));
        }
        return json.get("result");
    }

    public JsonNode call(String method, ObjectNode params) throws IOException, InterruptedException {
        return call(method, params, Duration.ofSeconds(30));
    }

    public JsonNode status() throws IOException, InterruptedException {
        return call("status", params(), Duration.ofSeconds(5));
    }

    public long latestHeight() throws IOException, InterruptedException {
        return status().path("sync_info").path("latest_block_height").asLong();
    }

    public JsonNode broadcastTxCommit(byte[] tx) throws IOException, InterruptedException {
        return call("broadcast_tx_commit", params().put("tx", Base64.getEncoder().encodeToString(tx)), Duration.ofSeconds(60));
    }

    public JsonNode broadcastTxSync(byte[] tx) throws IOException, InterruptedException {
        return call("broadcast_tx_sync", params().put("tx", Base64.getEncoder().encodeToString(tx)), Duration.ofSeconds(60));
    }

    /** abci_query; returns the "response" object. */
    public JsonNode abciQuery(String path, byte[] data, boolean prove) throws IOException, InterruptedException {
        return call("abci_query", params().put("path", path).put("data", java.util.HexFormat.of().formatHex(data))
                .put("height", "0").put("prove", prove)).get("response");
    }

    /**
     * Calls a search method until its result's total_count reaches {@code atLeast} (bounded): CometBFT
     * indexes txs and blocks asynchronously, shortly after the commit that broadcast_tx_commit reports.
     */
    public JsonNode search(String method, String query, int atLeast, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode r = call(method, params().put("query", query));
            if (r.path("total_count").asInt() >= atLeast || System.nanoTime() > deadline) {
                return r;
            }
            Thread.sleep(50);
        }
    }

    public static byte[] b64(JsonNode n) {
        return n == null || n.isNull() ? new byte[0] : Base64.getDecoder().decode(n.asText());
    }
}
