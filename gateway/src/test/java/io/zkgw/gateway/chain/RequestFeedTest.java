package io.zkgw.gateway.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.zkgw.chainclient.rpc.ExecResult;
import io.zkgw.chainclient.rpc.TxRecord;
import io.zkgw.gateway.config.GatewayConfig;
import io.zkgw.gateway.job.JobEntity;
import io.zkgw.gateway.job.JobRepository;
import io.zkgw.gateway.job.JobState;
import io.zkgw.gateway.testing.LedgerOnlyProfile;
import io.zkgw.gateway.testing.LedgerTestResource;
import io.zkgw.gateway.testing.RequestBurst;
import io.zkgw.gateway.testing.RequestBurst.Sent;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The request feed against a real CometBFT node and PostgreSQL, with bursts of real RequestPrediction
 * txs from several clinicians in few blocks: every request becomes exactly one job with the fields the
 * proven state holds, whether it comes through the catch-up (cursor advanced past it) or the
 * subscription, and again through both; an event naming a request the verified state does not hold
 * makes no job and is reported, while the rest of its group is taken in; an expired request is skipped.
 * The feed's scheduled run is off (LedgerOnlyProfile): each test drives it on the feed's own thread.
 */
@QuarkusTest
@TestProfile(LedgerOnlyProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RequestFeedTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    RequestFeed feed;

    @Inject
    CursorStore cursors;

    @Inject
    JobRepository jobs;

    @Inject
    GatewayConfig config;

    @Inject
    CometLedger ledger;

    private static RequestBurst burst;

    @BeforeEach
    void ledgerReady() throws Exception {
        if (burst == null) {
            burst = new RequestBurst(LedgerTestResource.rpcUrl, LedgerTestResource.CHAIN_ID)
                    .provider(CometLedger.signingSeed(config.chain().signingKeyFile()))
                    .clinicians(LedgerTestResource.clinicianSeed, 4);
        }
    }

    @AfterAll
    static void closeBurst() {
        if (burst != null) {
            burst.close();
            burst = null;
        }
    }

    /** Runs before anything subscribes, so that the requests sent here reach the feed only as this test hands them over. */
    @Test
    @Order(1)
    void anEventTheVerifiedStateDoesNotBackMakesNoJobAndTheRestOfItsGroupIsTakenIn() throws Exception {
        long h = burst.height();
        List<Sent> live = burst.send(1, h + 500);
        List<Sent> expiring = burst.send(1, burst.height() + 5);
        LedgerTestResource.node.awaitHeight(expiring.getFirst().deadlineHeight() + 2, WAIT);

        // what a node could claim in an event: a request id with our address, that no tx ever created
        String invented = HexFormat.of().formatHex(random(32));
        TxRecord real = live.getFirst().tx();
        List<TxRecord> group = new ArrayList<>();
        live.forEach(s -> group.add(s.tx()));
        group.add(1, event(real.height(), invented));
        group.add(2, event(real.height(), "not an id")); // names no request at all: dropped, and it does not fail the group
        expiring.forEach(s -> group.add(s.tx()));

        List<String> unreadable = feed.onFeedThread(() -> feed.handleAll(group));

        assertEquals(List.of(invented), unreadable, "only the invented request is reported as not readable");
        assertTrue(jobs.byRequestId(invented).isEmpty(), "no job from an event alone");
        live.forEach(this::assertJob);
        for (Sent s : expiring) {
            assertTrue(jobs.byRequestId(s.requestId()).isEmpty(), "an expired request is skipped: " + s.requestId());
        }
    }

    @Test
    @Order(2)
    void aBurstFromSeveralCliniciansBecomesOneJobPerRequestAndTheCursorPassesIt() throws Exception {
        long before = cursors.get(RequestFeed.CURSOR);
        List<Sent> sent = burst.send(15, burst.height() + 500);
        assertEquals(60, sent.size());
        long last = sent.getLast().tx().height();
        long blocks = sent.stream().mapToLong(s -> s.tx().height()).distinct().count();
        assertTrue(blocks < sent.size(), "several requests share a block: " + blocks + " blocks");

        long cursor = syncUntilPast(last);
        assertTrue(cursor >= last && cursor > before, "cursor " + cursor + " passes height " + last);
        assertEquals(cursor, cursors.get(RequestFeed.CURSOR));
        Map<String, UUID> ids = jobIds(sent);

        // both paths can deliver the same txs again: nothing new, the same jobs
        List<TxRecord> again = sent.stream().map(Sent::tx).toList();
        assertEquals(List.of(), feed.onFeedThread(() -> feed.handleAll(again)));
        assertEquals(ids, jobIds(sent));
        long mine = jobs.list(Optional.empty(), 10_000).stream().filter(j -> ids.containsKey(j.requestId)).count();
        assertEquals(sent.size(), mine, "exactly one job per request");
    }

    @Test
    @Order(3)
    void theSubscriptionTakesInABurstWithoutACatchUp() throws Exception {
        feed.onFeedThread(feed::syncOnce); // subscribed (it is by now; this makes sure)
        long cursor = cursors.get(RequestFeed.CURSOR);
        List<Sent> sent = burst.send(10, burst.height() + 500);
        long end = System.nanoTime() + WAIT.toNanos();
        while (!sent.stream().allMatch(s -> jobs.byRequestId(s.requestId()).isPresent())) {
            assertTrue(System.nanoTime() < end, "the subscription did not deliver every request");
            Thread.sleep(100);
        }
        jobIds(sent);
        assertEquals(cursor, cursors.get(RequestFeed.CURSOR), "only a catch-up moves the cursor");
        // the catch-up finds them again: still one job each
        long after = syncUntilPast(sent.getLast().tx().height());
        assertTrue(after >= sent.getLast().tx().height());
        jobIds(sent);
    }

    /** A RequestPrediction tx as a node could report it: an event naming {@code requestId} and our address, and nothing behind it. */
    private TxRecord event(long height, String requestId) {
        return new TxRecord(height, 99, ByteString.copyFrom(random(32)), ByteString.copyFromUtf8("no such tx"),
                new ExecResult(0, "", "", ByteString.EMPTY, List.of(new ExecResult.Event("prediction_requested", List.of(
                        new ExecResult.Attribute("request_id", requestId), new ExecResult.Attribute("provider", ledger.address()))))),
                Optional.empty());
    }

    /** Catches up (on the feed's thread) until the cursor is at or past {@code height}. */
    private long syncUntilPast(long height) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long c = feed.onFeedThread(feed::syncOnce);
            if (c >= height) {
                return c;
            }
            assertTrue(System.nanoTime() < end, "the catch-up did not reach height " + height + " (at " + c + ")");
            Thread.sleep(100);
        }
    }

    /** Checks each request's job and returns the job ids by request id. */
    private Map<String, UUID> jobIds(List<Sent> sent) {
        Map<String, UUID> ids = new HashMap<>();
        for (Sent s : sent) {
            ids.put(s.requestId(), assertJob(s));
        }
        return ids;
    }

    private UUID assertJob(Sent s) {
        JobEntity j = jobs.byRequestId(s.requestId()).orElseThrow(() -> new AssertionError("no job for " + s.requestId()));
        assertEquals(JobState.RECEIVED, j.state);
        assertArrayEquals(burst.modelId(), j.chainModelId);
        assertNull(j.modelId, "a model this gateway did not register");
        assertEquals(s.requester(), j.requester);
        assertEquals(RequestBurst.FEE, j.fee);
        assertEquals(s.tx().height(), j.requestHeight);
        assertEquals(s.deadlineHeight(), j.deadlineHeight);
        assertArrayEquals(burst.inputCommitment(), j.inputCommitment);
        assertArrayEquals(burst.maskCommitment(), j.maskCommitment);
        assertArrayEquals(s.payload(), j.encryptedPayload, "the job holds its own request's payload");
        return j.id;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
