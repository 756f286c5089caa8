package io.zkgw.gateway.chain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.zkgw.chainclient.events.CatchUpResult;
import io.zkgw.chainclient.events.TxCatchUp;
import io.zkgw.chainclient.events.TxQuery;
import io.zkgw.chainclient.events.TxSubscription;
import io.zkgw.chainclient.light.VerificationException;
import io.zkgw.chainclient.query.QueryFailedException;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Turns the ledger's prediction requests addressed to this provider into jobs. Two paths feed the same
 * idempotent handler (a request id becomes at most one job): a WebSocket subscription to
 * {@code prediction_requested.provider = <our address>} for low latency, and a catch-up search from the
 * cursor stored in the database, which finds everything the subscription missed (downtime, a dropped
 * connection, a node restart) and moves the cursor only past heights the node has fully indexed. Each
 * request is read from the ledger's state with a proof checked by the light client before a job is
 * created; nothing the node merely says in an event is acted on. Both paths hand over txs in groups (a
 * catch-up page, the events that arrived while the previous group was handled), and a group shares its
 * database round trips and its light-client header checks: one per state height, not one per request.
 */
@ApplicationScoped
public class RequestFeed {
    private static final Logger LOG = Logger.getLogger(RequestFeed.class);
    static final String CURSOR = "requests";
    /** Txs handled as one group (a tx_search page). */
    static final int GROUP = 100;
    private static final Pattern REQUEST_ID = Pattern.compile("[0-9a-fA-F]{64}");

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

    /** Subscription events not handled yet, and whether a task to handle them is queued on {@link #worker}. */
    private final ConcurrentLinkedQueue<TxRecord> arrived = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainQueued = new AtomicBoolean();

    @Scheduled(every = "${zkgw.chain.sync-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = ChainSyncDisabled.class)
    void tick() {
        try {
            onFeedThread(this::syncOnce);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warnf("request feed: %s", e.getCause() == null ? e.getClass().getName() : e.getCause().getMessage());
        }
    }

    /** Runs {@code work} on the feed's thread, after the subscription events queued before it, and waits for it. */
    <T> T onFeedThread(Callable<T> work) throws InterruptedException, ExecutionException {
        return worker.submit(work).get();
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
        int unreadable = 0;
        for (List<TxRecord> group : groups(r.txs())) {
            unreadable += handleAll(group).size();
        }
        if (unreadable > 0) {
            // the others have their jobs; the cursor stays, so the next round reads these again
            throw new Ledger.ChainUnavailable(unreadable + " request(s) up to height " + r.cursor()
                    + " are not in the verified state yet", null);
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
            subscription = TxSubscription.open(ledger.client().rpc(), query, this::arrived, Duration.ofSeconds(10));
            LOG.infof("request feed: subscribed to requests for provider %s", ledger.address());
        } catch (IOException e) {
            LOG.warnf("request feed: cannot subscribe (%s); catching up by search meanwhile", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A subscription event (on the WebSocket's thread): queued, and one drain task at a time handles
     * everything queued by the time it runs, so a block's burst of events becomes one group.
     */
    private void arrived(TxRecord tx) {
        arrived.add(tx);
        if (drainQueued.compareAndSet(false, true)) {
            try {
                worker.submit(this::drainArrived);
            } catch (RejectedExecutionException e) {
                // shutting down
            }
        }
    }

    private void drainArrived() {
        // cleared first: an event queued from here on schedules another drain
        drainQueued.set(false);
        List<TxRecord> all = new ArrayList<>();
        for (TxRecord tx; (tx = arrived.poll()) != null; ) {
            all.add(tx);
        }
        for (List<TxRecord> group : groups(all)) {
            try {
                List<String> unreadable = handleAll(group);
                if (!unreadable.isEmpty()) {
                    LOG.warnf("request feed: %d event(s) up to height %d not readable yet; the catch-up retries them",
                            unreadable.size(), group.getLast().height());
                }
            } catch (RuntimeException e) {
                // the catch-up finds them again
                LOG.warnf("request feed: %d event(s) up to height %d not handled yet (%s)", group.size(),
                        group.getLast().height(), e.getClass().getSimpleName());
            }
        }
    }

    private static List<List<TxRecord>> groups(List<TxRecord> txs) {
        List<List<TxRecord>> out = new ArrayList<>();
        for (int i = 0; i < txs.size(); i += GROUP) {
            out.add(txs.subList(i, Math.min(txs.size(), i + GROUP)));
        }
        return out;
    }

    /**
     * RequestPrediction txs, as a group: each request is read from the ledger's state with a proof and
     * made a job (once). The group costs one query for the ids that already have jobs, one verified read
     * of the rest (one light-client header per state height, not per request; one read per request when
     * that answer does not verify) and one database transaction for the new jobs (one query for ids that
     * got a job meanwhile, then the inserts). Returns the ids whose request is not in the verified state
     * yet or whose answer did not verify (no job was made for them); throws when the ledger or the database
     * cannot be used, leaving jobs made by an earlier group in place.
     */
    List<String> handleAll(List<TxRecord> txs) {
        String us = ledger.address();
        Map<String, TxRecord> byId = new LinkedHashMap<>();
        for (TxRecord tx : txs) {
            if (!tx.result().ok()) {
                continue;
            }
            var id = tx.result().attribute("prediction_requested", "request_id");
            var provider = tx.result().attribute("prediction_requested", "provider");
            // an id that is not 32 bytes of hex names no request: reading it would fail the whole group
            if (id.isPresent() && REQUEST_ID.matcher(id.get()).matches() && provider.isPresent()
                    && provider.get().equalsIgnoreCase(us)) {
                byId.putIfAbsent(id.get().toLowerCase(), tx);
            }
        }
        if (byId.isEmpty()) {
            return List.of();
        }
        Set<String> known = jobs.requestIdsWithJobs(byId.keySet());
        List<String> ids = byId.keySet().stream().filter(id -> !known.contains(id)).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        // the event only names the request: what becomes a job is what the proven state says
        List<String> unreadable = new ArrayList<>();
        Map<String, Optional<ChainRequest>> read = readEach(ids, unreadable);
        List<ChainRequest> fresh = new ArrayList<>();
        for (var entry : read.entrySet()) {
            String requestId = entry.getKey();
            Optional<ChainRequest> r = entry.getValue();
            if (r.isEmpty()) {
                LOG.infof("request %s from height %d is not in the verified state yet", requestId, byId.get(requestId).height());
                unreadable.add(requestId);
            } else if (!r.get().provider().equalsIgnoreCase(us)) {
                continue; // the event named us, the proven state does not: not ours
            } else if (!r.get().pending()) {
                // expired (refunded) or closed while the gateway was away: nothing to do, nothing to send
                LOG.infof("request %s from height %d is no longer pending; skipped", requestId, r.get().height());
            } else {
                fresh.add(r.get());
            }
        }
        if (!fresh.isEmpty()) {
            List<ChainRequest> inserted = QuarkusTransaction.requiringNew().call(() -> {
                // the gateway's model for each ledger model id, looked up once per group
                Map<String, Optional<UUID>> modelIds = new HashMap<>();
                List<JobEntity> candidates = new ArrayList<>();
                Map<UUID, ChainRequest> byJob = new HashMap<>();
                for (ChainRequest r : fresh) {
                    JobEntity j = job(r, modelIds.computeIfAbsent(HexFormat.of().formatHex(r.modelId()),
                            k -> models.byChainId(r.modelId()).map(m -> m.id)).orElse(null));
                    candidates.add(j);
                    byJob.put(j.id, r);
                }
                // one query for the ids that got a job since the group's first look, then the inserts
                return jobs.insertAllAbsent(candidates).stream().map(j -> byJob.get(j.id)).toList();
            });
            for (ChainRequest r : inserted) {
                metrics.received();
                LOG.infof("request %s received (height %d, deadline %d)", r.requestId(), r.height(), r.deadlineHeight());
            }
        }
        return unreadable;
    }

    /**
     * The verified reads of a group's requests, by id in the group's order. One read for the group; when its answer
     * does not verify (or a query fails) the ids are read one by one, so that one bad answer holds back its own
     * request only: that one is left out of the result, reported in {@code unreadable}, and the catch-up tries it
     * again. A node that cannot be reached at all still fails the whole group.
     */
    private Map<String, Optional<ChainRequest>> readEach(List<String> ids, List<String> unreadable) {
        Map<String, Optional<ChainRequest>> out = new LinkedHashMap<>();
        try {
            List<Optional<ChainRequest>> all = ledger.requests(ids);
            for (int i = 0; i < ids.size(); i++) {
                out.put(ids.get(i), all.get(i));
            }
            return out;
        } catch (Ledger.ChainUnavailable e) {
            if (ids.size() == 1 || !badAnswer(e)) {
                throw e;
            }
            LOG.warnf("request feed: the group read of %d requests failed (%s); reading them one by one", ids.size(), e.getMessage());
        }
        for (String id : ids) {
            try {
                out.put(id, ledger.requests(List.of(id)).getFirst());
            } catch (Ledger.ChainUnavailable e) {
                if (!badAnswer(e)) {
                    throw e;
                }
                LOG.warnf("request %s: %s; the catch-up tries it again", id, e.getMessage());
                unreadable.add(id);
            }
        }
        return out;
    }

    /** The node answered, but its answer does not verify or the query failed (as opposed to: it could not be reached). */
    private static boolean badAnswer(Ledger.ChainUnavailable e) {
        return e.getCause() instanceof VerificationException || e.getCause() instanceof QueryFailedException;
    }

    /** The job for a proven request; {@code modelId} is the gateway's model, if the ledger model is one of ours. */
    static JobEntity job(ChainRequest r, UUID modelId) {
        JobEntity j = new JobEntity();
        j.id = UUID.randomUUID();
        j.requestId = r.requestId();
        j.modelId = modelId;
        j.chainModelId = r.modelId();
        j.requester = r.requester();
        j.fee = r.fee();
        j.requestHeight = r.height();
        j.deadlineHeight = r.deadlineHeight();
        j.inputCommitment = r.inputCommitment();
        j.maskCommitment = r.maskCommitment();
        j.encryptedPayload = r.encryptedPayload();
        return j;
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
