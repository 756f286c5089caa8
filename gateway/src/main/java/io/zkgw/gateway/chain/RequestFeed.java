package io.zkgw.gateway.chain;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.zkgw.chainclient.events.CatchUpResult;
import io.zkgw.chainclient.events.TxCatchUp;
import io.zkgw.chainclient.events.TxQuery;
import io.zkgw.chainclient.events.TxSubscription;
import io.zkgw.chainclient.rpc.TxRecord;
import io.zkgw.gateway.job.JobEntity;
import io.zkgw.gateway.job.JobRepository;
import io.zkgw.gateway.metrics.GatewayMetrics;
import io.zkgw.gateway.model.ModelService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.jboss.logging.Logger;

/**
 * Turns the ledger's prediction requests addressed to this provider into jobs. Two paths feed the same
 * idempotent handler (a request id becomes at most one job): a WebSocket subscription to
 * {@code prediction_requested.provider = <our address>} for low latency, and a catch-up search from the
 * cursor stored in the database, which finds everything the subscription missed (downtime, a dropped
 * connection, a node restart) and moves the cursor only past heights the node has fully indexed. Each
 * request is read from the ledger's state with a proof checked by the light client before a job is
 * created; nothing the node merely says in an event is acted on.
 */
@ApplicationScoped
public class RequestFeed {
    private static final Logger LOG = Logger.getLogger(RequestFeed.class);
    static final String CURSOR = "requests";

    @Inject
    CometLedger ledger;

    @Inject
    CursorStore cursors;

    @Inject
    JobRepository jobs;

    @Inject
    ModelService models;

    @Inject
    GatewayMetrics metrics;

    /** One thread handles both paths, so the handler never races itself. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "zkgw-request-feed");
        t.setDaemon(true);
        return t;
    });

    private volatile TxSubscription subscription;

    @Scheduled(every = "${zkgw.chain.sync-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = ChainSyncDisabled.class)
    void tick() {
        try {
            worker.submit(this::syncOnce).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warnf("request feed: %s", e.getCause() == null ? e.getClass().getName() : e.getCause().getMessage());
        }
    }

    /** Subscribes if not subscribed, then catches up from the cursor. Returns the new cursor. */
    public long syncOnce() {
        TxQuery query = TxQuery.eq("prediction_requested.provider", ledger.address());
        ensureSubscribed(query);
        long cursor = cursors.get(CURSOR);
        CatchUpResult r;
        try {
            r = new TxCatchUp(ledger.client().rpc()).since(query, cursor);
        } catch (IOException e) {
            throw new Ledger.ChainUnavailable("catch-up from height " + cursor + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Ledger.ChainUnavailable("interrupted", e);
        }
        for (TxRecord tx : r.txs()) {
            handle(tx); // throws when a request cannot be read yet: the cursor stays, the next round retries
        }
        if (r.cursor() > cursor) {
            cursors.advance(CURSOR, r.cursor());
        }
        return r.cursor();
    }

    private void ensureSubscribed(TxQuery query) {
        TxSubscription s = subscription;
        if (s != null && s.isOpen()) {
            return;
        }
        try {
            subscription = TxSubscription.open(ledger.client().rpc(), query, tx -> {
                try {
                    worker.submit(() -> {
                        try {
                            handle(tx);
                        } catch (RuntimeException e) {
                            // the catch-up finds it again
                            LOG.warnf("request feed: event at height %d not handled yet (%s)", tx.height(), e.getClass().getSimpleName());
                        }
                    });
                } catch (RejectedExecutionException e) {
                    // shutting down
                }
            }, Duration.ofSeconds(10));
            LOG.infof("request feed: subscribed to requests for provider %s", ledger.address());
        } catch (IOException e) {
            LOG.warnf("request feed: cannot subscribe (%s); catching up by search meanwhile", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One RequestPrediction tx: read the request with a state proof and make it a job (once). */
    void handle(TxRecord tx) {
        if (!tx.result().ok()) {
            return;
        }
        var id = tx.result().attribute("prediction_requested", "request_id");
        var provider = tx.result().attribute("prediction_requested", "provider");
        if (id.isEmpty() || provider.isEmpty() || !provider.get().equalsIgnoreCase(ledger.address())) {
            return;
        }
        String requestId = id.get().toLowerCase();
        if (jobs.byRequestId(requestId).isPresent()) {
            return;
        }
        ChainRequest r = ledger.request(requestId).orElseThrow(() -> new Ledger.ChainUnavailable(
                "request " + requestId + " from height " + tx.height() + " is not in the verified state yet", null));
        if (!r.provider().equalsIgnoreCase(ledger.address())) {
            return;
        }
        if (!r.pending()) {
            // expired (refunded) or closed while the gateway was away: nothing to do, nothing to send
            LOG.infof("request %s from height %d is no longer pending; skipped", requestId, r.height());
            return;
        }
        JobEntity j = new JobEntity();
        j.requestId = requestId;
        j.modelId = models.byChainId(r.modelId()).map(m -> m.id).orElse(null);
        j.chainModelId = r.modelId();
        j.requester = r.requester();
        j.fee = r.fee();
        j.requestHeight = r.height();
        j.deadlineHeight = r.deadlineHeight();
        j.inputCommitment = r.inputCommitment();
        j.maskCommitment = r.maskCommitment();
        j.encryptedPayload = r.encryptedPayload();
        jobs.insertIfAbsent(j);
        metrics.received();
        LOG.infof("request %s received (height %d, deadline %d)", requestId, r.height(), r.deadlineHeight());
    }

    void stop(@Observes ShutdownEvent e) {
        TxSubscription s = subscription;
        if (s != null) {
            s.close();
        }
        worker.shutdownNow();
        try {
            // let a handler that is inside a database transaction finish before the datasource closes
            worker.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
