package io.zkgw.chainclient.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkgw.chainclient.rpc.CometJson;
import io.zkgw.chainclient.rpc.CometRpcClient;
import io.zkgw.chainclient.rpc.RpcException;
import io.zkgw.chainclient.rpc.TxRecord;
import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A live subscription to transaction events over CometBFT's WebSocket ({@code subscribe} with
 * {@code tm.event='Tx' AND …}). Events are delivered in order, one at a time, on the WebSocket's thread.
 *
 * <p>A subscription can end at any time (node restart, network, the node dropping a slow client):
 * {@link #closed()} then completes. Delivery is at most once and gaps are possible, so a consumer keeps a
 * cursor (the last height it fully processed) and, after reconnecting, first subscribes and then calls
 * {@link TxCatchUp#since} from the cursor; handling must be idempotent, as a tx can arrive both ways.
 */
public final class TxSubscription implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SUBSCRIBE_ID = 1;

    private final WebSocket socket;
    private final CompletableFuture<Void> subscribed;
    private final CompletableFuture<Void> closed;

    private TxSubscription(WebSocket socket, CompletableFuture<Void> subscribed, CompletableFuture<Void> closed) {
        this.socket = socket;
        this.subscribed = subscribed;
        this.closed = closed;
    }

    /**
     * Connects to the node's WebSocket, subscribes to {@code query} and returns once the node has
     * confirmed the subscription (bounded by {@code timeout}). {@code onTx} receives each matching tx.
     */
    public static TxSubscription open(CometRpcClient rpc, TxQuery query, Consumer<TxRecord> onTx, Duration timeout)
            throws IOException, InterruptedException {
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Listener listener = new Listener(onTx, subscribed, closed);
        WebSocket ws;
        try {
            ws = rpc.httpClient().newWebSocketBuilder().connectTimeout(timeout)
                    .buildAsync(rpc.websocketUri(), listener).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot open WebSocket " + rpc.websocketUri() + ": " + e.getMessage(), e);
        }
        TxSubscription sub = new TxSubscription(ws, subscribed, closed);
        ObjectNode req = JSON.createObjectNode();
        req.put("jsonrpc", "2.0");
        req.put("id", SUBSCRIBE_ID);
        req.put("method", "subscribe");
        req.set("params", JSON.createObjectNode().put("query", query.forSubscription()));
        try {
            ws.sendText(JSON.writeValueAsString(req), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            subscribed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            sub.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("subscribe to " + query + " failed: " + cause, cause);
        }
        return sub;
    }

    /**
     * Completes when the subscription has ended: normally after {@link #close()}, exceptionally when the
     * connection failed or the node closed it, or the consumer threw.
     */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    public boolean isOpen() {
        return subscribed.isDone() && !closed.isDone();
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            closed.complete(null);
        }
        socket.abort(); // no need to wait for the node's close handshake
    }

    private static final class Listener implements WebSocket.Listener {
        private final Consumer<TxRecord> onTx;
        private final CompletableFuture<Void> subscribed;
        private final CompletableFuture<Void> closed;
        private final StringBuilder partial = new StringBuilder();

        Listener(Consumer<TxRecord> onTx, CompletableFuture<Void> subscribed, CompletableFuture<Void> closed) {
            this.onTx = onTx;
            this.subscribed = subscribed;
            this.closed = closed;
        }

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                try {
                    handle(message);
                } catch (Exception | Error e) {
                    fail(e);
                    ws.abort();
                    return null;
                }
            }
            ws.request(1);
            return null;
        }

        private void handle(String message) throws IOException {
            JsonNode m = JSON.readTree(message);
            JsonNode err = m.get("error");
            if (err != null && !err.isNull()) {
                throw new RpcException("subscribe", err.path("code").asInt(), err.path("message").asText(),
                        err.path("data").asText(""));
            }
            JsonNode result = m.path("result");
            JsonNode data = result.path("data");
            if (data.isMissingNode() || data.isNull()) {
                subscribed.complete(null); // the confirmation: an empty result
                return;
            }
            if (!"tendermint/event/Tx".equals(data.path("type").asText())) {
                return;
            }
            subscribed.complete(null);
            onTx.accept(CometJson.txEvent(data.path("value").path("TxResult")));
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            fail(new IOException("the node closed the subscription (" + statusCode + " " + reason + ")"));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            fail(error);
        }

        private void fail(Throwable t) {
            subscribed.completeExceptionally(t);
            closed.completeExceptionally(t);
        }
    }
}
