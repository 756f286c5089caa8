package io.zkgw.gateway.chain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.zkgw.chainapp.proto.PredictionRequest;
import io.zkgw.chainclient.events.CatchUpResult;
import io.zkgw.chainclient.events.TxCatchUp;
import io.zkgw.chainclient.events.TxQuery;
import io.zkgw.chainclient.light.LightClient;
import io.zkgw.chainclient.light.Proofs;
import io.zkgw.chainclient.light.StateProof;
import io.zkgw.chainclient.light.TrustAnchor;
import io.zkgw.chainclient.light.TrustOptions;
import io.zkgw.chainclient.query.LedgerPaths;
import io.zkgw.chainclient.rpc.CometRpcClient;
import io.zkgw.chainclient.rpc.RpcLightBlockProvider;
import io.zkgw.chainclient.rpc.TxRecord;
import io.zkgw.chainclient.types.Header;
import io.zkgw.gateway.config.GatewayConfig;
import io.zkgw.gateway.job.JobEntity;
import io.zkgw.gateway.job.JobRepository;
import io.zkgw.gateway.model.ModelService;
import io.zkgw.gateway.testing.LedgerOnlyProfile;
import io.zkgw.gateway.testing.LedgerTestResource;
import io.zkgw.gateway.testing.RequestBurst;
import io.zkgw.gateway.testing.RequestBurst.Sent;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Request-feed intake, before and after grouping, in one run on one real ledger and PostgreSQL. Not part
 * of the test suite (surefire's default includes skip *Bench); run it with
 * {@code ./mvnw -B -ntp -o -pl gateway -am test -Dtest=RequestFeedBench -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dzkgw.bench.clinicians=8 -Dzkgw.bench.per-clinician=25} are the defaults).
 *
 * <p>Two bursts of the same size are sent and included first; only the intake is timed, from the
 * catch-up search to the last job in the database. "Before" is the feed as it was, per tx: the job
 * lookup, the verified read exactly as {@code VerifiedQueries.read} did it (abci_query, wait for header
 * h+1, light-client verification of that header, proof check), the model lookup and the insert, each
 * phase timed. "After" is {@link RequestFeed#syncOnce} (which also opens the subscription once).
 */
@QuarkusTest
@TestProfile(RequestFeedBench.OwnLedger.class)
class RequestFeedBench {
    /** A ledger and an application of its own: the tests' feed state (cursor, subscription) stays theirs. */
    public static class OwnLedger extends LedgerOnlyProfile {}

    private static final int CLINICIANS = Integer.getInteger("zkgw.bench.clinicians", 8);
    private static final int PER_CLINICIAN = Integer.getInteger("zkgw.bench.per-clinician", 25);
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final HexFormat HEX = HexFormat.of();

    @Inject
    RequestFeed feed;

    @Inject
    CometLedger ledger;

    @Inject
    CursorStore cursors;

    @Inject
    JobRepository jobs;

    @Inject
    ModelService models;

    @Inject
    GatewayConfig config;

    @Test
    void intake() throws Exception {
        try (RequestBurst burst = new RequestBurst(LedgerTestResource.rpcUrl, LedgerTestResource.CHAIN_ID)) {
            burst.provider(CometLedger.signingSeed(config.chain().signingKeyFile())).clinicians(LedgerTestResource.clinicianSeed, CLINICIANS);

            List<Sent> first = sendAndIndex(burst);
            Map<String, Long> phases = new LinkedHashMap<>();
            long t0 = System.nanoTime();
            long cursor = feed.onFeedThread(() -> perTx(burst.rpc(), phases, first.getLast().tx().height()));
            double before = first.size() / seconds(System.nanoTime() - t0);
            assertAllJobs(first);
            cursors.advance(RequestFeed.CURSOR, cursor);

            List<Sent> second = sendAndIndex(burst);
            long t1 = System.nanoTime();
            long c;
            do {
                c = feed.onFeedThread(feed::syncOnce);
            } while (c < second.getLast().tx().height());
            double after = second.size() / seconds(System.nanoTime() - t1);
            assertAllJobs(second);

            StringBuilder out = new StringBuilder("\n=== request feed intake: ").append(first.size())
                    .append(" requests per run, ").append(CLINICIANS).append(" clinicians, ")
                    .append(first.stream().mapToLong(s -> s.tx().height()).distinct().count()).append(" / ")
                    .append(second.stream().mapToLong(s -> s.tx().height()).distinct().count()).append(" blocks\n");
            out.append(String.format("before (per tx):  %8.1f requests/s%n", before));
            phases.forEach((k, v) -> out.append(String.format("    %-28s %8.1f ms per request%n", k, v / 1e6 / first.size())));
            out.append(String.format("after (grouped):  %8.1f requests/s  (%.1fx)%n", after, after / before));
            System.out.println(out);
        }
    }

    private static List<Sent> sendAndIndex(RequestBurst burst) throws Exception {
        List<Sent> sent = burst.send(PER_CLINICIAN, burst.height() + 900);
        // indexed and a header above the last block: the catch-up reaches it at once
        LedgerTestResource.node.awaitHeight(sent.getLast().tx().height() + 3, WAIT);
        return sent;
    }

    /** The feed before grouping, phase by phase; returns the catch-up's cursor. */
    private long perTx(CometRpcClient rpc, Map<String, Long> phases, long through) throws Exception {
        LightClient light = LightClient.fromAnchor(new RpcLightBlockProvider(rpc), TrustOptions.defaults(config.chain().chainId()),
                TrustAnchor.parse(config.chain().trustAnchor().orElseThrow()), Instant.now());
        String us = ledger.address();
        long t = System.nanoTime();
        CatchUpResult r = new TxCatchUp(rpc).since(TxQuery.eq("prediction_requested.provider", us), cursors.get(RequestFeed.CURSOR));
        t = lap(phases, "catch-up search", t);
        assertTrue(r.cursor() >= through, "the catch-up reaches the burst");
        for (TxRecord tx : r.txs()) {
            String id = tx.result().attribute("prediction_requested", "request_id").orElseThrow().toLowerCase();
            boolean known = jobs.byRequestId(id).isPresent();
            t = lap(phases, "job lookup (db)", t);
            if (known) {
                continue;
            }
            StateProof p = rpc.abciQuery(LedgerPaths.REQUEST.path(), HEX.parseHex(id), 0, true).toStateProof();
            t = lap(phases, "abci_query", t);
            while (rpc.latestHeight() < p.height() + 1) {
                Thread.sleep(100);
            }
            t = lap(phases, "wait for header h+1", t);
            Header next = light.verifyTo(p.height() + 1, Instant.now()).header();
            t = lap(phases, "verify header (light client)", t);
            byte[] value = Proofs.verifyState(next, LedgerPaths.REQUEST.stateKey(HEX.parseHex(id)), p);
            ChainRequest c = ChainRequest.of(id, PredictionRequest.parseFrom(value));
            t = lap(phases, "check proof, decode", t);
            JobEntity j = RequestFeed.job(c, models.byChainId(c.modelId()).map(m -> m.id).orElse(null));
            jobs.insertIfAbsent(j);
            t = lap(phases, "model lookup, insert (db)", t);
        }
        return r.cursor();
    }

    private static long lap(Map<String, Long> phases, String phase, long since) {
        long now = System.nanoTime();
        phases.merge(phase, now - since, Long::sum);
        return now;
    }

    private void assertAllJobs(List<Sent> sent) {
        for (Sent s : sent) {
            assertTrue(jobs.byRequestId(s.requestId()).isPresent(), "job for " + s.requestId());
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
