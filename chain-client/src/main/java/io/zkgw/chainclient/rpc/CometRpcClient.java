package io.zkgw.chainclient.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.zkgw.chainclient.types.SignedHeader;
import io.zkgw.chainclient.types.Validator;
import io.zkgw.chainclient.types.ValidatorSet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CometBFT v0.38 JSON-RPC over HTTP (POST, JSON-RPC 2.0), with typed results for the calls the gateway
 * and the light client need. Thread-safe. Nothing returned is verified: headers and proofs go through
 * the light client ({@code io.zkgw.chainclient.light}).
 */
public final class CometRpcClient implements AutoCloseable {
    /** CometBFT's largest page for validators/tx_search/block_search. */
    public static final int MAX_PER_PAGE = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final Duration timeout;
    private final HttpClient http;
    private final AtomicLong ids = new AtomicLong();

    /** @param endpoint the node's RPC address, e.g. {@code http://127.0.0.1:26657/} */
    public CometRpcClient(URI endpoint, Duration timeout) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        // HTTP/1.1: CometBFT's server speaks nothing else, and this avoids an h2c upgrade attempt
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    public CometRpcClient(URI endpoint) {
        this(endpoint, Duration.ofSeconds(30));
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The node's WebSocket endpoint ({@code ws://host:port/websocket}) for event subscriptions. */
    public URI websocketUri() {
        String scheme = "https".equals(endpoint.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + "://" + endpoint.getRawAuthority() + "/websocket");
    }

    public HttpClient httpClient() {
        return http;
    }

    public static ObjectNode params() {
        return JSON.createObjectNode();
    }

    /** Calls {@code method}; returns its "result"; {@link RpcException} on a JSON-RPC error. */
    public JsonNode call(String method, ObjectNode params) throws IOException, InterruptedException {
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
            throw new RpcException(method, -1, "HTTP " + res.statusCode() + ", not JSON",
                    new String(res.body(), 0, Math.min(res.body().length, 500), StandardCharsets.UTF_8));
        }
        JsonNode err = json == null ? null : json.get("error");
        if (err != null && !err.isNull()) {
            throw new RpcException(method, err.path("code").asInt(), err.path("message").asText(), err.path("data").asText(""));
        }
        JsonNode result = json == null ? null : json.get("result");
        if (result == null || result.isNull()) {
            throw new RpcException(method, -1, "HTTP " + res.statusCode() + ", no result", "");
        }
        return result;
    }

    public NodeStatus status() throws IOException, InterruptedException {
        return CometJson.status(call("status", params()));
    }

    public long latestHeight() throws IOException, InterruptedException {
        return status().latestHeight();
    }

    /** The header at {@code height} and the commit that signs it. */
    public SignedHeader commit(long height) throws IOException, InterruptedException {
        return CometJson.signedHeader(CometJson.field(call("commit", params().put("height", Long.toString(height))), "signed_header"));
    }

    /** The validator set at {@code height}, all pages, in the set's order. */
    public ValidatorSet validators(long height) throws IOException, InterruptedException {
        List<Validator> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode r = call("validators", params().put("height", Long.toString(height))
                    .put("page", Integer.toString(page)).put("per_page", Integer.toString(MAX_PER_PAGE)));
            long total = CometJson.longOf(r, "total");
            int before = all.size();
            for (JsonNode v : CometJson.array(r, "validators")) {
                all.add(CometJson.validator(v));
            }
            if (all.size() >= total) {
                break;
            }
            if (all.size() == before) {
                throw new MalformedResponseException("validators: page " + page + " empty before " + total + " validators");
            }
        }
        return new ValidatorSet(all);
    }

    /** The included tx with this hash; with {@code prove}, its inclusion proof. {@link RpcException} when unknown. */
    public TxRecord tx(ByteString hash, boolean prove) throws IOException, InterruptedException {
        return CometJson.txRecord(call("tx", params()
                .put("hash", Base64.getEncoder().encodeToString(hash.toByteArray())).put("prove", prove)));
    }

    /**
     * The txs of the block at {@code height}, in block order, as the node sends them (unverified: {@code
     * VerifiedQueries.blockTxs} checks them against the header's data_hash). Needs no tx index.
     */
    public List<ByteString> blockTxs(long height) throws IOException, InterruptedException {
        return CometJson.blockTxs(call("block", params().put("height", Long.toString(height))));
    }

    /** One page (1-based) of tx_search, oldest first. */
    public TxSearchPage txSearch(String query, int page, int perPage) throws IOException, InterruptedException {
        JsonNode r = call("tx_search", params().put("query", query).put("prove", false)
                .put("page", Integer.toString(page)).put("per_page", Integer.toString(perPage)).put("order_by", "asc"));
        List<TxRecord> txs = new ArrayList<>();
        for (JsonNode t : CometJson.array(r, "txs")) {
            txs.add(CometJson.txRecord(t));
        }
        return new TxSearchPage(txs, (int) CometJson.longOf(r, "total_count"));
    }

    /** Whether the node's block indexer has indexed {@code height} yet. */
    public boolean blockIndexed(long height) throws IOException, InterruptedException {
        JsonNode r = call("block_search", params().put("query", "block.height = " + height)
                .put("page", "1").put("per_page", "1"));
        return CometJson.longOf(r, "total_count") > 0;
    }

    /** abci_query at the latest height ({@code height} 0) or a given one; data is sent as hex. */
    public AbciQueryResult abciQuery(String path, byte[] data, long height, boolean prove) throws IOException, InterruptedException {
        JsonNode r = call("abci_query", params().put("path", path).put("data", HexFormat.of().formatHex(data))
                .put("height", Long.toString(height)).put("prove", prove));
        return CometJson.abciQuery(CometJson.field(r, "response"));
    }

    /** broadcast_tx_sync: returns once CheckTx has run (the code says whether the mempool took the tx). */
    public BroadcastResult broadcastTxSync(byte[] tx) throws IOException, InterruptedException {
        return CometJson.broadcast(call("broadcast_tx_sync", params().put("tx", Base64.getEncoder().encodeToString(tx))));
    }

    /** Stops the HTTP client, aborting calls in flight and subscriptions opened through it. */
    @Override
    public void close() {
        http.shutdownNow();
    }
}
